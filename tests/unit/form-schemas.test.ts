import { describe, expect, it } from 'vitest';
import {
  ZCreateCorrectionForm,
  ZFeeItemCreateForm,
  ZFeeItemEditForm,
  ZMeterForm,
  ZOneOffChargeForm,
  ZParkingSpaceCreateForm,
  ZParkingSpaceEditForm,
  ZRecordReadingForm,
  ZRequestAdjustmentForm,
  ZRunForm,
  typedPriceText,
  zSetPriceForm,
  type FeeItemFormValues,
} from '@/server/shared/schemas/billing';
import { ZRecordPaymentForm, ZRequestRefundForm, ZSetInvoiceNoForm } from '@/server/shared/schemas/payments';
import { ZUnitCreateForm, ZUnitEditForm } from '@/server/shared/schemas/property';

// The forms' schemas are the server's, fed with what people type: these hold them to the
// server's rules and to the shape the API takes.

const feeItem = (patch: Partial<FeeItemFormValues> = {}): FeeItemFormValues => ({
  name: '物业费',
  calc: 'PER_AREA',
  cycle: 'MONTHLY',
  objectKind: 'UNIT',
  dueDay: '15',
  communityIds: ['c1'],
  limitBuildings: false,
  buildingIds: ['b1'],
  statuses: { OCCUPIED: { on: true, factor: '1' }, VACANT: { on: true, factor: '0.7' }, RENOVATION: { on: false, factor: '1' } },
  countsInRate: true,
  lateFee: { on: false, dailyBp: '5', graceDays: '0', capPercent: '' },
  initialPrice: { effectiveFrom: '2026-11', price: '２．３５', tiered: false, tiers: [] },
  ...patch,
});
const issuePaths = (r: { success: boolean; error?: { issues: { path: PropertyKey[] }[] } }) => (r.error?.issues ?? []).map((i) => i.path.join('.'));

describe('payment forms', () => {
  it('the amount is typed in yuan and reaches the API as fen', () => {
    const r = ZRecordPaymentForm.parse({ method: 'CASH', amountFen: '256.80', receivedOn: '2026-11-03', useCredit: false, note: '' });
    expect(r).toEqual({ method: 'CASH', amountFen: 25_680, receivedOn: '2026-11-03', useCredit: false, note: '' });
    expect(ZRequestRefundForm.parse({ amountFen: '¥1,000', method: 'WECHAT', reason: '退预存' }).amountFen).toBe(100_000);
  });
  it('refuses what the server refuses, on the field', () => {
    for (const amountFen of ['', '0', '12.345', '-1', 'abc', '20000000.01'])
      expect(issuePaths(ZRecordPaymentForm.safeParse({ method: 'CASH', amountFen, receivedOn: '2026-11-03' }))).toEqual(['amountFen']);
    expect(issuePaths(ZRecordPaymentForm.safeParse({ method: 'CHEQUE', amountFen: '1', receivedOn: '2026-02-30' }))).toEqual(['method', 'receivedOn']);
  });
  it('an empty invoice number clears it', () => {
    expect(ZSetInvoiceNoForm.parse({ invoiceNo: '  ' })).toEqual({ invoiceNo: null });
    expect(ZSetInvoiceNoForm.parse({ invoiceNo: 'FP-001' })).toEqual({ invoiceNo: 'FP-001' });
    expect(ZSetInvoiceNoForm.safeParse({ invoiceNo: 'FP 001' }).success).toBe(false);
  });
});

describe('billing forms', () => {
  it('one-off charge: blank choices are left out; a unit or a space (the server rule, on the whole input)', () => {
    const base = { unitId: 'u1', parkingSpaceId: '', feeItemId: '', description: '装修押金', amountFen: '2000', period: '2026-11', dueDate: '2026-11-30' };
    expect(ZOneOffChargeForm.parse(base)).toEqual({ unitId: 'u1', description: '装修押金', amountFen: 200_000, period: '2026-11', dueDate: '2026-11-30' });
    expect(issuePaths(ZOneOffChargeForm.safeParse({ ...base, unitId: '' }))).toEqual(['']);
    expect(issuePaths(ZOneOffChargeForm.safeParse({ ...base, amountFen: '0.001' }))).toEqual(['amountFen']);
  });
  it('adjustment and correction', () => {
    expect(ZRequestAdjustmentForm.parse({ kind: 'WAIVER', amountFen: '12.5', reason: '减免' })).toEqual({ kind: 'WAIVER', amountFen: 1250, reason: '减免' });
    expect(ZCreateCorrectionForm.parse({ recompute: true, amountFen: 'ignored', reason: '面积更正' })).toEqual({ recompute: true, reason: '面积更正' });
    expect(ZCreateCorrectionForm.parse({ recompute: false, amountFen: '99.90', reason: '面积更正' })).toEqual({
      recompute: false,
      amountFen: 9990,
      reason: '面积更正',
    });
    expect(issuePaths(ZCreateCorrectionForm.safeParse({ recompute: false, amountFen: '', reason: '' }))).toEqual(['amountFen', 'reason']);
  });
  it('a typed price is sent as the canonical text; an unreadable one as typed, for the server to refuse', () => {
    expect(typedPriceText('２．３５５')).toBe('2.3550');
    expect(typedPriceText(' ¥150 ')).toBe('150.0000');
    expect(typedPriceText('2.35501')).toBe('2.35501');
    expect(zSetPriceForm(false).parse({ effectiveFrom: '2026-12', price: '2.355', tiered: false, tiers: [] })).toEqual({
      effectiveFrom: '2026-12',
      price: '2.3550',
    });
    expect(zSetPriceForm(false).safeParse({ effectiveFrom: '2026-12', price: '2.35501', tiered: false, tiers: [] }).success).toBe(false);
    const tiers = {
      effectiveFrom: '2026-12',
      price: '',
      tiered: true,
      tiers: [
        { upTo: '180', price: '3.1' },
        { upTo: 'x', price: '5.3' },
      ],
    };
    expect(zSetPriceForm(true).parse(tiers)).toEqual({
      effectiveFrom: '2026-12',
      tiers: [
        { upTo: '180', price: '3.1000' },
        { upTo: null, price: '5.3000' },
      ],
    });
    // not metered: the tiers are not sent, the (empty) price is refused
    expect(zSetPriceForm(false).safeParse(tiers).success).toBe(false);
  });
  it('fee item: the typed terms become ZFeeItemInput', () => {
    const r = ZFeeItemCreateForm.parse(feeItem({ lateFee: { on: true, dailyBp: '5', graceDays: '10', capPercent: '' } }));
    expect(r).toMatchObject({
      name: '物业费',
      dueDay: 15,
      communityIds: ['c1'],
      buildingIds: [],
      statusFactors: { OCCUPIED: '1', VACANT: '0.7' },
      lateFee: { dailyBp: 5, graceDays: 10, capPercent: null },
      initialPrice: { effectiveFrom: '2026-11', price: '2.3500' },
    });
    expect(ZFeeItemCreateForm.parse(feeItem({ calc: 'ONE_OFF' }))).not.toHaveProperty('initialPrice');
    // parking spaces: scoped by community only, and no unit-status factors of the form's
    const parking = ZFeeItemCreateForm.parse(feeItem({ objectKind: 'PARKING', calc: 'FIXED', limitBuildings: true }));
    expect(parking.buildingIds).toEqual([]);
    expect(parking.statusFactors).toEqual({ OCCUPIED: '1', VACANT: '1', RENOVATION: '1' }); // the server's default
    expect(ZFeeItemEditForm.parse(feeItem())).not.toHaveProperty('calc');
  });
  it('fee item: the server rules refuse, at the server paths', () => {
    expect(issuePaths(ZFeeItemCreateForm.safeParse(feeItem({ communityIds: [] })))).toEqual(['communityIds']);
    expect(issuePaths(ZFeeItemCreateForm.safeParse(feeItem({ dueDay: '29' })))).toEqual(['dueDay']);
    expect(issuePaths(ZFeeItemCreateForm.safeParse(feeItem({ dueDay: '' })))).toEqual(['dueDay']);
    expect(issuePaths(ZFeeItemCreateForm.safeParse(feeItem({ lateFee: { on: true, dailyBp: '101', graceDays: '0', capPercent: '' } })))).toEqual([
      'lateFee.dailyBp',
    ]);
    expect(
      issuePaths(ZFeeItemCreateForm.safeParse(feeItem({ initialPrice: { effectiveFrom: '2026-11', price: '1.23456', tiered: false, tiers: [] } }))),
    ).toEqual(['initialPrice.price']);
    const none = { OCCUPIED: { on: false, factor: '1' }, VACANT: { on: false, factor: '1' }, RENOVATION: { on: false, factor: '1' } };
    expect(issuePaths(ZFeeItemCreateForm.safeParse(feeItem({ statuses: none })))).toEqual(['statusFactors']);
  });
});

describe('meter, reading, parking and run forms', () => {
  it('meter: a unit and a metered item must be chosen', () => {
    expect(ZMeterForm.parse({ unitId: 'u1', feeItemId: 'f1', serial: ' WM-01 ' })).toEqual({ unitId: 'u1', feeItemId: 'f1', serial: 'WM-01' });
    const r = ZMeterForm.safeParse({ unitId: '', feeItemId: '', serial: '' });
    expect(issuePaths(r)).toEqual(['unitId', 'feeItemId']);
    expect(r.error?.issues.map((i) => i.message)).toEqual(['chooseTheUnit', 'chooseMeteredItem']);
  });
  it('reading: the server rules; the replacement only when the meter was replaced', () => {
    const base = { period: '2026-11', reading: '1234.5', readOn: '2026-11-03', replaced: false as boolean, oldFinal: 'x', newStart: '0' };
    expect(ZRecordReadingForm.parse(base)).toEqual({ period: '2026-11', reading: '1234.5', readOn: '2026-11-03' });
    expect(ZRecordReadingForm.parse({ ...base, replaced: true, oldFinal: '2000', newStart: '0' })).toEqual({
      period: '2026-11',
      reading: '1234.5',
      readOn: '2026-11-03',
      replacement: { oldFinal: '2000', newStart: '0' },
    });
    expect(issuePaths(ZRecordReadingForm.safeParse({ ...base, period: '2026-13', reading: '1.2345', readOn: '' }))).toEqual(['period', 'reading', 'readOn']);
    expect(issuePaths(ZRecordReadingForm.safeParse({ ...base, replaced: true, oldFinal: 'x', newStart: '-1' }))).toEqual(['oldFinal', 'newStart']);
  });
  it('parking space: tied to a unit, or rented alone with the renter (the server rule, on renterName)', () => {
    const space = { communityId: 'c1', number: ' B-017 ', tied: true, unitId: 'u1', renterName: '张三', renterPhone: '', renterEmail: '' };
    expect(ZParkingSpaceCreateForm.parse(space)).toEqual({
      communityId: 'c1',
      number: 'B-017',
      unitId: 'u1',
      renterName: '',
      renterPhone: '',
      renterEmail: '',
    });
    expect(ZParkingSpaceEditForm.parse({ ...space, tied: false })).toEqual({
      number: 'B-017',
      unitId: null,
      renterName: '张三',
      renterPhone: '',
      renterEmail: '',
    });
    expect(issuePaths(ZParkingSpaceCreateForm.safeParse({ ...space, communityId: '', unitId: '' }))).toEqual(['communityId', 'unitId']);
    expect(issuePaths(ZParkingSpaceCreateForm.safeParse({ ...space, tied: false, number: '', renterName: ' ' }))).toEqual(['number', 'renterName']);
    expect(issuePaths(ZParkingSpaceEditForm.safeParse({ ...space, tied: false, renterPhone: 'abc' }))).toEqual(['renterPhone']);
  });
  it('billing run: the period is the server rule; no item or community ticked = all (left out)', () => {
    expect(ZRunForm.parse({ period: '2026-11', feeItemIds: [], communityIds: [] })).toEqual({ period: '2026-11' });
    expect(ZRunForm.parse({ period: '2026-11', feeItemIds: ['f1', 'f1'], communityIds: ['c1'] })).toEqual({
      period: '2026-11',
      feeItemIds: ['f1'],
      communityIds: ['c1'],
    });
    expect(issuePaths(ZRunForm.safeParse({ period: '2026-13', feeItemIds: [], communityIds: [] }))).toEqual(['period']);
  });
});

describe('unit forms', () => {
  const unit = { entrance: '', number: '101', floor: '1', area: '89.5', status: 'OCCUPIED' as const, billingStart: '' };
  it('floor and area as typed, then the server rules', () => {
    expect(ZUnitEditForm.parse(unit)).toMatchObject({ floor: 1, area: '89.50', billingStart: null });
    expect(issuePaths(ZUnitEditForm.safeParse({ ...unit, floor: '', area: '' }))).toEqual(['floor', 'area']);
    expect(issuePaths(ZUnitCreateForm.safeParse({ ...unit, buildingId: '' }))).toEqual(['buildingId']);
  });
});
