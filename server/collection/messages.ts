import { formatFen } from '../shared/money';

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
): { title: string; body: string; subject: string; emailBody: string } {
  const en = company.locale === 'en';
  const amount = formatFen(m.arrearsFen, company.currency, en ? 'en' : 'zh-CN');
  if (en) {
    const body = `As of ${m.asOf}, ${m.label} has ${amount} in overdue fees (the oldest ${m.maxDaysOverdue} days overdue). Please pay at your earliest convenience; if you have already paid, please ignore this message.`;
    return {
      title: 'Payment reminder',
      body,
      subject: `[${company.name}] Property fee payment reminder`,
      emailBody: `${body}\n\n${company.name}`,
    };
  }
  const body = `截至 ${m.asOf}，${m.label} 欠缴费用 ${amount}（最长逾期 ${m.maxDaysOverdue} 天）。请尽快缴纳；如已缴纳，请忽略本提醒。`;
  return {
    title: '缴费提醒',
    body,
    subject: `【${company.name}】物业费缴费提醒`,
    emailBody: `${body}\n\n${company.name}`,
  };
}
