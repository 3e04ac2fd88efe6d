import { describe, expect, it } from 'vitest';
import { zName, zText, TEXT_MESSAGES } from '@/server/shared/validation';
import { keyMessage } from '@/server/shared/error-key';
import { ZPersonName } from '@/server/shared/schemas/auth';
import { ZCommunityInput, ZResidentInput } from '@/server/shared/schemas/property';
import { ZFeeItemInput, ZLateFee, ZPeriod as ZBillingPeriod, ZLocalDate as ZBillingDate } from '@/server/shared/schemas/billing';
import { ZPeriod as ZCollectionPeriod, ZLocalDate as ZCollectionDate } from '@/server/collection/schemas';
import { ZRecordPayment, ZReversePayment, ZLocalDate as ZPaymentDate } from '@/server/shared/schemas/payments';
import { ZCompanyName } from '@/server/shared/schemas/tenancy';

// #12 accounts point 7: free text refuses control and bidi characters and invisible-only names.
const messages = (r: { success: boolean; error?: { issues: { message: string }[] } }) => (r.success ? [] : r.error!.issues.map((i) => i.message));

describe('names', () => {
  const Name = zName({ max: 100, what: 'name' });
  it.each(['张伟', '欧阳 娜娜', 'Zoë Müller', '李\u00B7明', '翠竹园 1号楼', 'O’Brien'])('accepts %s', (s) => expect(Name.parse(s)).toBe(s));
  it('trims', () => expect(Name.parse('  王芳 ')).toBe('王芳'));

  it.each([
    ['NUL', 'a\u0000b', TEXT_MESSAGES.control],
    ['bell', 'a\u0007', TEXT_MESSAGES.control],
    ['newline in a one-line name', '张\n伟', TEXT_MESSAGES.control],
    ['tab in a one-line name', '张\t伟', TEXT_MESSAGES.control],
    ['DEL', 'x\u007F', TEXT_MESSAGES.control],
    ['C1 control', 'x\u0085y', TEXT_MESSAGES.control],
    ['RLO override', 'abc\u202Egpj.exe', TEXT_MESSAGES.bidi],
    ['LRE', '\u202Aabc', TEXT_MESSAGES.bidi],
    ['PDF', 'abc\u202C', TEXT_MESSAGES.bidi],
    ['RLI isolate', '\u2067abc', TEXT_MESSAGES.bidi],
    ['PDI', 'abc\u2069', TEXT_MESSAGES.bidi],
    ['zero-width spaces only', '\u200B\u200B', TEXT_MESSAGES.invisible],
    ['zero-width joiner + BOM', '\u200D\uFEFF\u200C', TEXT_MESSAGES.invisible],
    ['Hangul filler', '\u3164', TEXT_MESSAGES.invisible],
    ['soft hyphen and word joiner', '\u00AD\u2060', TEXT_MESSAGES.invisible],
  ])('refuses %s', (_label, s, message) => expect(messages(Name.safeParse(s))).toContain(message));

  it('refuses whitespace only as missing', () => expect(messages(Name.safeParse(' \u3000 '))).toEqual([keyMessage('required', { what: 'name' })]));

  it('every free-text schema uses the rules', () => {
    expect(ZPersonName.safeParse('\u200B').success).toBe(false);
    expect(ZCompanyName.safeParse('睦宁里\u0000物业').success).toBe(false);
    expect(ZCommunityInput.safeParse({ name: '翠竹园', address: '路\u202E1号' }).success).toBe(false);
    expect(ZResidentInput.safeParse({ unitId: 'u', name: '\u200B\u200C' }).success).toBe(false);
    expect(ZFeeItemInput.safeParse({ name: '物业费\u0000', calc: 'FIXED', communityIds: ['c'] }).success).toBe(false);
    expect(ZReversePayment.safeParse({ paymentId: 'p', reason: '\u2066' }).success).toBe(false);
    expect(ZResidentInput.parse({ unitId: 'u', name: '陈小明' }).name).toBe('陈小明');
  });
});

describe('multi-line text', () => {
  const Note = zText({ max: 500, multiline: true });
  it('keeps tab and newlines', () => expect(Note.parse('第一行\r\n第二行\tend')).toBe('第一行\r\n第二行\tend'));
  it('refuses NUL and bidi overrides', () => {
    expect(messages(Note.safeParse('a\u0000'))).toContain(TEXT_MESSAGES.control);
    expect(messages(Note.safeParse('a\u202Db'))).toContain(TEXT_MESSAGES.bidi);
  });
  it('payment notes follow it', () => {
    const base = { payer: { kind: 'UNIT', id: 'u' }, method: 'CASH', amountFen: 100, receivedOn: '2026-01-05' } as const;
    expect(ZRecordPayment.safeParse({ ...base, note: '现金\n找零 5 元' }).success).toBe(true);
    expect(ZRecordPayment.safeParse({ ...base, note: 'x\u0000' }).success).toBe(false);
  });
});

describe('periods and dates are bounded to 2000-01 … 2100-12', () => {
  it.each([ZBillingPeriod, ZCollectionPeriod])('periods', (Z) => {
    expect(Z.safeParse('2000-01').success).toBe(true);
    expect(Z.safeParse('2100-12').success).toBe(true);
    expect(Z.safeParse('1999-12').success).toBe(false);
    expect(Z.safeParse('2101-01').success).toBe(false);
    expect(Z.safeParse('9999-12').success).toBe(false);
  });
  it.each([ZBillingDate, ZCollectionDate, ZPaymentDate])('dates', (Z) => {
    expect(Z.safeParse('2000-01-01').success).toBe(true);
    expect(Z.safeParse('2100-12-31').success).toBe(true);
    expect(Z.safeParse('1999-12-31').success).toBe(false);
    expect(Z.safeParse('2101-01-01').success).toBe(false);
    expect(Z.safeParse('2026-02-30').success).toBe(false);
  });
});

describe('late fee terms', () => {
  it('at most 100 bp (1 %) a day and a cap of at most 100 %', () => {
    expect(ZLateFee.safeParse({ dailyBp: 100, capPercent: 100 }).success).toBe(true);
    expect(ZLateFee.safeParse({ dailyBp: 101 }).success).toBe(false);
    expect(ZLateFee.safeParse({ dailyBp: 5, capPercent: 101 }).success).toBe(false);
  });
});
