// The receipt (收款收据) as a PDF: an A5 landscape page with a CJK font embedded (a subset of
// Noto Sans SC from @embedpdf/fonts-sc: only the glyphs used go into the file), so Chinese
// text survives any viewer or printer. A reversed receipt carries a red 红冲 stamp. Its labels
// are the screen receipt's (cashier.receipt, in the company's language): one label set (#17);
// under the company's name its address and phone, by the cashier its seal when it has one, and
// at the foot 不作发票使用.

import 'server-only';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import PDFDocument from 'pdfkit';
import { formatFen } from '../shared/money';
import type { ReceiptData } from './receipt';
import { paymentMethodLabels, receiptLabels, serverTranslator, textLocale } from '../i18n/translator';

const FONT_FILE = join('node_modules', '@embedpdf', 'fonts-sc', 'fonts', 'NotoSansHans-Regular.otf');

const METHODS = ['CASH', 'BANK_TRANSFER', 'WECHAT', 'ALIPAY', 'POS', 'ONLINE', 'CREDIT'] as const;
const isMethod = (m: string): m is (typeof METHODS)[number] => (METHODS as readonly string[]).includes(m);

/** The company's font (the CJK subset), for the other printed documents (催缴通知单). */
export const pdfFont = () => font();

let fontBytes: Promise<Buffer> | undefined;
/** The font file, read once per process (the package is found from the app's root). */
function font(): Promise<Buffer> {
  fontBytes ??= readFile(join(process.cwd(), FONT_FILE)).catch((e: unknown) => {
    fontBytes = undefined;
    throw new Error(`Receipt font not found at ${FONT_FILE} (is @embedpdf/fonts-sc installed?): ${String(e)}`);
  });
  return fontBytes;
}

export type RenderedReceipt = {
  pdf: Buffer;
  /** every piece of text drawn, in order (what a test or an accessibility check reads) */
  lines: string[];
};

/** Renders `r` to a PDF. `compress: false` leaves the content streams readable (debugging). */
export async function renderReceiptPdf(r: ReceiptData, opts: { compress?: boolean } = {}): Promise<RenderedReceipt> {
  // Labels in the company's language: the receipt's (cashier.receipt), the PDF's own (server.json pdf.*).
  const t = serverTranslator(r.locale);
  const l = receiptLabels(r.locale);
  const methodName = paymentMethodLabels(r.locale);
  const field = (label: string, value: string) => l('field', { label, value });
  const doc = new PDFDocument({
    size: 'A5',
    layout: 'landscape',
    margin: 28,
    // pdfkit 0.20 takes null: no built-in Helvetica is loaded (@types/pdfkit 0.17 predates that).
    font: null as unknown as string,
    compress: opts.compress ?? true,
    lang: textLocale(r.locale),
    info: { Title: t('pdf.docTitle', { no: r.receiptNo }), Author: r.companyName, Creator: 'Linli' },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  doc.registerFont('cjk', await font());
  doc.font('cjk');

  const lines: string[] = [];
  const W = doc.page.width;
  const H = doc.page.height;
  const L = doc.page.margins.left;
  const R = W - doc.page.margins.right;
  const money = (fen: number) => formatFen(fen, r.currency);
  const put = (text: string, x: number, y: number, size: number, o: { width?: number; align?: 'left' | 'center' | 'right'; color?: string } = {}) => {
    lines.push(text);
    doc.fontSize(size).fillColor(o.color ?? '#111111');
    doc.text(text, x, y, { lineBreak: false, ...(o.width ? { width: o.width } : {}), ...(o.align ? { align: o.align } : {}) });
  };
  const rule = (y: number, weight = 0.6) => doc.moveTo(L, y).lineTo(R, y).lineWidth(weight).stroke('#333333');

  const contact = [r.company.address && field(l('address'), r.company.address), r.company.phone && field(l('phone'), r.company.phone)]
    .filter(Boolean)
    .join('　');
  const header = () => {
    put(r.companyName, L, 20, 15, { width: R - L, align: 'center' });
    if (contact) put(contact, L, 38, 8.5, { width: R - L, align: 'center', color: '#333333' });
    put(l('heading'), L, 52, 13, { width: R - L, align: 'center' });
    put(field(l('receiptNo'), r.receiptNo), L, 56, 10, { width: R - L, align: 'right', color: '#b00000' });
    put(field(l('receivedOn'), r.receivedOn), L, 74, 9.5);
    if (r.countedOn !== r.receivedOn) put(field(l('countedOn'), r.countedOn), L + 170, 74, 9.5);
    const payer = [field(l(r.payer.kind === 'UNIT' ? 'unit' : 'parkingSpace'), r.payer.label), r.payer.name && field(l('payerName'), r.payer.name)];
    put(payer.filter(Boolean).join('　'), L, 89, 9.5, { width: R - L });
  };
  // Item table: 收费项目 | 所属期间 | 账单金额 | 本次收款
  const cols = [L, L + 220, L + 340, L + 440, R];
  const tableHead = (y: number) => {
    rule(y);
    [l('item'), l('period'), l('billAmount'), l('paidNow')].forEach((h, i) =>
      put(h, cols[i]! + 4, y + 4, 9, { width: cols[i + 1]! - cols[i]! - 8, align: i >= 2 ? 'right' : 'left' }),
    );
    rule(y + 18, 0.4);
    return y + 22;
  };

  header();
  let y = tableHead(106);
  const rows: [string, string, string, string][] = r.items.map((it) => [
    [it.name, it.object].filter(Boolean).join(' · '),
    it.periodLabel,
    money(it.billAmountFen),
    money(it.amountFen),
  ]);
  if (r.creditUsedFen > 0) rows.push([l('creditUsed'), '', '', money(-r.creditUsedFen)]);
  if (r.creditAddedFen > 0) rows.push([l('creditAdded'), '', '', money(r.creditAddedFen)]);
  if (rows.length === 0) rows.push([l('noItems'), '', '', money(r.totalFen)]);
  const footerTop = H - 130;
  for (const row of rows) {
    if (y > footerTop - 14) {
      doc.addPage();
      doc.font('cjk');
      header();
      y = tableHead(106);
    }
    row.forEach((cell, i) => {
      if (cell) put(cell, cols[i]! + 4, y, 9, { width: cols[i + 1]! - cols[i]! - 8, align: i >= 2 ? 'right' : 'left' });
    });
    y += 15;
  }
  rule(Math.max(y + 2, footerTop - 6));

  let f = Math.max(y + 8, footerTop);
  put(field(l('totalCapital'), `${l('rmb')}${r.totalCapital}`), L, f, 10.5);
  put(field(l('total'), money(r.totalFen)), L, f, 10.5, { width: R - L, align: 'right' });
  f += 20;
  put(field(l('method'), isMethod(r.method) ? methodName(r.method) : r.method), L, f, 9.5);
  put(field(l('invoiceNo'), r.invoiceNo ?? '—'), L + 200, f, 9.5);
  f += 16;
  put(field(l('cashier'), r.cashier), L, f, 9.5);
  put(field(l('enteredAt'), r.enteredAt), L + 200, f, 9.5);
  const sealTop = f - 30;
  if (r.note) {
    f += 16;
    put(field(l('note'), r.note), L, f, 9, { width: R - L });
  }
  if (r.reversed) {
    f += 16;
    put(t('pdf.reversed', { on: r.reversed.on, by: r.reversed.by, reason: r.reversed.reason }), L, f, 9, { width: R - L, color: '#d10000' });
  }
  if (r.refunds.length) {
    // Partial 红冲 of an online payment: each refund with its day, and what remains.
    f += 16;
    const each = r.refunds.map((x) => t('pdf.refundedOne', { amount: money(x.amountFen), on: x.on })).join(t('pdf.refundedSeparator'));
    put(t('pdf.refunded', { refunds: each, remaining: money(r.remainingFen) }), L, f, 9, { width: R - L, color: '#d10000' });
  }
  put(l('notInvoice'), L, H - 34, 8, { color: '#666666' });
  if (r.company.seal) {
    // The seal over the cashier's line, as a stamp on paper would be.
    doc.save();
    doc.opacity(0.9);
    doc.image(r.company.seal, R - 120, Math.max(sealTop, 200), { fit: [92, 92], align: 'center', valign: 'center' });
    doc.restore();
    lines.push(`[${l('seal')}]`);
  }

  const stamp = r.reversed
    ? { text: t('pdf.stamp'), on: r.reversed.on }
    : r.refunds.length
      ? { text: r.remainingFen === 0 ? t('pdf.refundStampFull') : t('pdf.refundStamp'), on: r.refunds.at(-1)!.on }
      : null;
  if (stamp) {
    // The stamp: a red box rotated across the items, with the reversal's day.
    const cx = W / 2 + 110;
    const cy = 200;
    doc.save();
    doc.rotate(-18, { origin: [cx, cy] });
    doc.opacity(0.85);
    doc
      .lineWidth(3)
      .roundedRect(cx - 70, cy - 34, 140, 68, 8)
      .stroke('#d10000');
    put(stamp.text, cx - 70, cy - 30, stamp.text.length > 6 ? 15 : stamp.text.length > 2 ? 24 : 34, { width: 140, align: 'center', color: '#d10000' });
    put(stamp.on, cx - 70, cy + 14, 11, { width: 140, align: 'center', color: '#d10000' });
    doc.restore();
  }

  doc.end();
  return { pdf: await done, lines };
}
