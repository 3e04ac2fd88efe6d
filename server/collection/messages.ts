import { formatFen } from '../shared/money';
import { serverTranslator, textLocale } from '../i18n/translator';

// The text of messages written to Notification and the outbox, in the company's language.
// (A notification also carries its `kind`, so the app may render its own translation.)

export interface CompanyInfo {
  name: string;
  slug: string;
  locale: string;
  timeZone: string;
  currency: string;
}

export function reminderMessage(
  company: CompanyInfo,
  m: { label: string; arrearsFen: number; asOf: string; maxDaysOverdue: number },
): { title: string; body: string; subject: string; emailBody: string; sms: string } {
  const t = serverTranslator(company.locale);
  const amount = formatFen(m.arrearsFen, company.currency, textLocale(company.locale));
  const body = t('reminder.body', { asOf: m.asOf, label: m.label, amount, days: m.maxDaysOverdue });
  return {
    title: t('reminder.title'),
    body,
    subject: t('reminder.subject', { company: company.name }),
    emailBody: `${body}\n\n${company.name}`,
    sms: t('reminder.sms', { company: company.name, asOf: m.asOf, label: m.label, amount }),
  };
}
