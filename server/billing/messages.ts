import { formatFen } from '../shared/money';
import { serverTranslator, textLocale } from '../i18n/translator';

// The text of "new bills" messages, in the company's language (server.json's bills.*). A notification also carries its
// kind ("bill.new"), so the app may render its own translation.

export interface CompanyText {
  name: string;
  slug: string;
  locale: string;
  currency: string;
}

export function newBillsMessage(company: CompanyText, m: { period: string; bills: number; totalFen: number }) {
  const t = serverTranslator(company.locale);
  const amount = formatFen(m.totalFen, company.currency, textLocale(company.locale));
  const body = t('bills.newBody', { bills: m.bills, period: m.period, amount });
  return {
    title: t('bills.newTitle', { period: m.period }),
    body,
    subject: t('bills.newSubject', { company: company.name, period: m.period }),
    emailBody: `${body}\n\n${company.name}`,
  };
}

export const billsLink = (slug: string) => `/${slug}/my/bills`;
