import { formatFen } from '../shared/money';

// The text of "new bills" messages, in the company's language. A notification also carries its
// kind ("bill.new"), so the app may render its own translation.

export interface CompanyText {
  name: string;
  slug: string;
  locale: string;
  currency: string;
}

export function newBillsMessage(company: CompanyText, m: { period: string; bills: number; totalFen: number }) {
  const en = company.locale === 'en';
  const amount = formatFen(m.totalFen, company.currency, en ? 'en' : 'zh-CN');
  if (en) {
    const body = `${m.bills} new bill${m.bills === 1 ? '' : 's'} for ${m.period}, ${amount} in total. You can see them and how to pay in Linli.`;
    return { title: `New bills for ${m.period}`, body, subject: `[${company.name}] New bills for ${m.period}`, emailBody: `${body}\n\n${company.name}` };
  }
  const body = `${m.period} 账期新出账单 ${m.bills} 笔，合计 ${amount}。可在邻里查看账单及缴费方式。`;
  return { title: `${m.period} 新账单`, body, subject: `【${company.name}】${m.period} 新账单`, emailBody: `${body}\n\n${company.name}` };
}

export const billsLink = (slug: string) => `/${slug}/my/bills`;
