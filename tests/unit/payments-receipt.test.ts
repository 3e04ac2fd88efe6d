import { describe, expect, it } from 'vitest';
import { formatReceiptNo } from '@/server/payments/ledger';
import { ZAmountFen, ZLocalDate, ZRecordPayment, ZSetInvoiceNo } from '@/server/shared/schemas/payments';
import { renderReceiptPdf } from '@/server/payments/receipt-pdf';
import type { ReceiptData } from '@/server/payments/receipt';

describe('receipt numbers', () => {
  it('print as year and a six-digit serial, and are absent without a number', () => {
    expect(formatReceiptNo(2026, 123)).toBe('2026-000123');
    expect(formatReceiptNo(2026, 1_234_567)).toBe('2026-1234567');
    expect(formatReceiptNo(null, null)).toBeNull();
    expect(formatReceiptNo(2026, null)).toBeNull();
  });
});

describe('payment input', () => {
  it('dates must be real YYYY-MM-DD dates', () => {
    expect(ZLocalDate.safeParse('2026-02-28').success).toBe(true);
    expect(ZLocalDate.safeParse('2028-02-29').success).toBe(true);
    for (const bad of ['2026-02-29', '2026-13-01', '2026-1-5', '26-01-05', '2026/01/05', '', 20260105]) {
      expect(ZLocalDate.safeParse(bad).success, String(bad)).toBe(false);
    }
  });

  it('amounts are whole fen, greater than 0, within the 32-bit columns', () => {
    expect(ZAmountFen.safeParse(1).success).toBe(true);
    for (const bad of [0, -1, 1.5, Number.NaN, 2_000_000_001, '100']) expect(ZAmountFen.safeParse(bad).success, String(bad)).toBe(false);
  });

  it('a payment names a payer, an offline method and (optionally) a non-empty choice of bills', () => {
    const base = { payer: { kind: 'UNIT', id: 'u1' }, method: 'CASH', amountFen: 100, receivedOn: '2026-11-25' };
    expect(ZRecordPayment.parse(base)).toMatchObject({ useCredit: false, note: '' });
    expect(ZRecordPayment.safeParse({ ...base, method: 'CREDIT' }).success).toBe(false);
    expect(ZRecordPayment.safeParse({ ...base, method: 'ONLINE' }).success).toBe(false);
    expect(ZRecordPayment.safeParse({ ...base, billIds: [] }).success).toBe(false);
    expect(ZRecordPayment.safeParse({ ...base, payer: { kind: 'BUILDING', id: 'b' } }).success).toBe(false);
  });

  it('invoice numbers are letters, digits and dashes, or null to clear', () => {
    expect(ZSetInvoiceNo.parse({ paymentId: 'p', invoiceNo: ' 044001-23 ' }).invoiceNo).toBe('044001-23');
    expect(ZSetInvoiceNo.parse({ paymentId: 'p', invoiceNo: null }).invoiceNo).toBeNull();
    expect(ZSetInvoiceNo.safeParse({ paymentId: 'p', invoiceNo: '' }).success).toBe(false);
    expect(ZSetInvoiceNo.safeParse({ paymentId: 'p', invoiceNo: '发票1' }).success).toBe(false);
  });
});

const receipt = (items: number): ReceiptData => ({
  id: 'p1',
  companyName: '睦宁物业',
  company: { address: '南京市鼓楼区睦宁路 1 号', phone: '025-8888 6666', seal: null },
  currency: 'CNY',
  locale: 'zh-CN',
  receiptNo: '2026-000042',
  receiptYear: 2026,
  receiptNumber: 42,
  payer: { kind: 'PARKING', id: 's1', community: '翠竹园', building: '', unit: 'B-017', parkingSpace: 'B-017', name: '李四', label: '翠竹园 车位 B-017' },
  items: Array.from({ length: items }, (_, i) => ({
    billId: `b${i}`,
    name: '车位租金',
    description: '',
    object: '',
    period: `2025-${String((i % 12) + 1).padStart(2, '0')}`,
    periodLabel: `2025-${String((i % 12) + 1).padStart(2, '0')}`,
    billAmountFen: 15_000,
    amountFen: 15_000,
  })),
  itemsTotalFen: items * 15_000,
  creditUsedFen: 0,
  creditAddedFen: 0,
  totalFen: items * 15_000,
  totalYuan: '',
  totalCapital: '陆仟元整',
  method: 'POS',
  receivedOn: '2026-11-25',
  countedOn: '2026-11-26',
  enteredAt: '2026-11-26 09:15',
  cashier: '王收费',
  invoiceNo: '04400123',
  note: '',
  reversed: null,
  refunds: [],
  refundedFen: 0,
  remainingFen: items * 15_000,
});

describe('receipt PDF rendering', () => {
  it('draws the payer, both dates when they differ, the method, the invoice number and the cashier', async () => {
    const { pdf, lines } = await renderReceiptPdf(receipt(2));
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(lines).toEqual(
      expect.arrayContaining([
        '车位：翠竹园 车位 B-017　交款人：李四',
        '收款日期：2026-11-25',
        '计入日：2026-11-26',
        '收款方式：POS 刷卡',
        '发票号：04400123',
        '收款人：王收费',
        '合计（大写）：人民币陆仟元整',
      ]),
    );
    expect(lines.filter((l) => l === '车位租金')).toHaveLength(2);
  });

  it("prints the company address and phone under its name, the seal when there is one, and 不作发票使用 (the screen receipt's labels)", async () => {
    const { lines } = await renderReceiptPdf(receipt(1));
    expect(lines).toContain('地址：南京市鼓楼区睦宁路 1 号　电话：025-8888 6666');
    expect(lines).toContain('本收据为收款凭证，不作发票使用。');
    expect(lines).not.toContain('[公司印章]');
    // a 1×1 red PNG
    const png = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==';
    const sealed = await renderReceiptPdf({ ...receipt(1), company: { address: '', phone: '', seal: png } });
    expect(sealed.lines).toContain('[公司印章]');
    expect(sealed.lines.some((l) => l.startsWith('地址'))).toBe(false);
    const en = await renderReceiptPdf({ ...receipt(1), locale: 'en' });
    expect(en.lines).toContain('Address: 南京市鼓楼区睦宁路 1 号　Phone: 025-8888 6666');
    expect(en.lines.some((l) => l.includes('不作发票使用'))).toBe(true);
  });

  it('shows the partial 红冲 of an online payment: each refund with its day, what remains, and the stamp', async () => {
    const r = { ...receipt(2), method: 'ONLINE', refundedFen: 10_000, remainingFen: 20_000 };
    r.refunds = [
      { id: 'r1', amountFen: 4_000, on: '2026-11-27', countedOn: '2026-11-27', reason: '' },
      { id: 'r2', amountFen: 6_000, on: '2026-11-28', countedOn: '2026-11-29', reason: '' },
    ];
    const { lines } = await renderReceiptPdf(r);
    expect(lines).toEqual(expect.arrayContaining(['部分红冲：2026-11-27 退款 ¥40.00，2026-11-28 退款 ¥60.00；余额 ¥200.00', '部分红冲', '2026-11-28']));
    const none = await renderReceiptPdf(receipt(2));
    expect(none.lines.some((l) => l.includes('部分红冲'))).toBe(false);
  });

  it('continues a long list of items on further pages, repeating the header', async () => {
    const { pdf, lines } = await renderReceiptPdf(receipt(40));
    const pages = pdf.toString('latin1').match(/\/Type \/Page\b/g) ?? [];
    expect(pages.length).toBeGreaterThan(1);
    expect(lines.filter((l) => l === '收款收据')).toHaveLength(pages.length);
    expect(lines.filter((l) => l === '车位租金')).toHaveLength(40);
  });
});
