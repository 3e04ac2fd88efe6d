// 催缴通知单 as a PDF (#17): one A4 page per household, in the company's language, with the CJK
// font of the receipt (a subset: only the glyphs used go into the file). Each page: the company
// (name, address, phone), the heading, to whom, the overdue bills with their periods, due dates,
// days overdue and unpaid amounts, the total in figures and in Chinese capitals, how to pay, the
// company and the date, and its seal when it has one. A household with more bills than a page
// holds gets the oldest MAX_ROWS and a line saying how many more the total includes.

import 'server-only';
import PDFDocument from 'pdfkit';
import { formatFen } from '../shared/money';
import { serverTranslator, textLocale } from '../i18n/translator';
import { pdfFont } from '../payments/receipt-pdf';
import type { NoticeBatch } from './notices';

export const MAX_ROWS = 18;

export type RenderedNotices = {
  pdf: Buffer;
  /** the text drawn on each page, in order (what tests read) */
  pages: string[][];
};

export async function renderNoticesPdf(batch: NoticeBatch, opts: { siteUrl: string; compress?: boolean }): Promise<RenderedNotices> {
  const t = serverTranslator(batch.locale);
  const doc = new PDFDocument({
    size: 'A4',
    margin: 50,
    autoFirstPage: false,
    // pdfkit 0.20 takes null: no built-in Helvetica is loaded (@types/pdfkit 0.17 predates that).
    font: null as unknown as string,
    compress: opts.compress ?? true,
    lang: textLocale(batch.locale),
    info: { Title: t('notice.docTitle', { date: batch.asOf }), Author: batch.companyName, Creator: 'Linli' },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  doc.registerFont('cjk', await pdfFont());
  const money = (fen: number) => formatFen(fen, batch.currency);
  const pages: string[][] = [];
  const link = `${opts.siteUrl.replace(/\/$/, '')}/${batch.slug}/my/bills`;
  const contact = [batch.company.address, batch.company.phone].some(Boolean)
    ? t('notice.contact', { address: batch.company.address || '—', phone: batch.company.phone || '—' })
    : '';

  for (const n of batch.notices) {
    doc.addPage();
    doc.font('cjk');
    const lines: string[] = [];
    pages.push(lines);
    const W = doc.page.width;
    const L = doc.page.margins.left;
    const R = W - doc.page.margins.right;
    const put = (text: string, x: number, y: number, size: number, o: { width?: number; align?: 'left' | 'center' | 'right'; wrap?: boolean } = {}) => {
      lines.push(text);
      doc.fontSize(size).fillColor('#111111');
      doc.text(text, x, y, { lineBreak: !!o.wrap, ...(o.width ? { width: o.width } : {}), ...(o.align ? { align: o.align } : {}) });
      return doc.y;
    };
    const rule = (y: number, weight = 0.6) => doc.moveTo(L, y).lineTo(R, y).lineWidth(weight).stroke('#333333');

    put(batch.companyName, L, 50, 16, { width: R - L, align: 'center' });
    if (contact) put(contact, L, 72, 9, { width: R - L, align: 'center' });
    put(t('notice.heading'), L, 92, 20, { width: R - L, align: 'center' });
    rule(122, 1.2);
    put(t('notice.to', { label: n.name ? `${n.label}（${n.name}）` : n.label }), L, 136, 11, { width: R - L });
    let y = put(t('notice.intro', { asOf: batch.asOf }), L + 22, 158, 10.5, { width: R - L - 22, wrap: true }) + 10;

    // 收费项目 | 所属期间 | 到期日 | 逾期天数 | 欠缴金额
    const cols = [L, L + 170, L + 290, L + 370, L + 430, R];
    const cell = (text: string, i: number, yy: number, size = 9.5) =>
      put(text, cols[i]! + 4, yy, size, { width: cols[i + 1]! - cols[i]! - 8, align: i >= 3 ? 'right' : 'left' });
    rule(y);
    ['item', 'period', 'due', 'days', 'amount'].forEach((c, i) => cell(t(`notice.columns.${c as 'item'}`), i, y + 5, 9.5));
    y += 22;
    rule(y, 0.4);
    y += 5;
    for (const b of n.bills.slice(0, MAX_ROWS)) {
      cell(b.name, 0, y);
      cell(b.periodLabel, 1, y);
      cell(b.dueDate, 2, y);
      cell(String(b.daysOverdue), 3, y);
      cell(money(b.unpaidFen), 4, y);
      y += 16;
    }
    if (n.bills.length > MAX_ROWS) {
      put(t('notice.more', { count: n.bills.length - MAX_ROWS }), L + 4, y, 9, { width: R - L - 8 });
      y += 17;
    }
    rule(y + 2);
    y += 12;
    put(t('notice.totalCapital', { capital: n.totalCapital }), L, y, 11.5);
    put(t('notice.totalSmall', { amount: money(n.totalFen) }), L, y, 11.5, { width: R - L, align: 'right' });
    y += 32;

    put(t('notice.howToPay'), L, y, 10.5);
    y += 18;
    for (const line of [t('notice.howCounter'), t('notice.howOnline', { url: link }), t('notice.howContact')]) {
      y = put(`· ${line}`, L + 14, y, 10, { width: R - L - 14, wrap: true }) + 4;
    }

    // The page holds MAX_ROWS bills and all the rest above its bottom margin: nothing flows onto a second page.
    const signTop = Math.max(y + 36, 640);
    put(t('notice.signature', { company: batch.companyName }), L, signTop, 11, { width: R - L - 10, align: 'right' });
    put(t('notice.date', { date: batch.asOf }), L, signTop + 20, 11, { width: R - L - 10, align: 'right' });
    if (batch.company.seal) {
      doc.save();
      doc.opacity(0.9);
      doc.image(batch.company.seal, R - 120, signTop - 40, { fit: [100, 100], align: 'center', valign: 'center' });
      doc.restore();
    }
  }

  doc.end();
  return { pdf: await done, pages };
}
