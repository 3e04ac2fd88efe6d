import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTestDatabase, pgServerUrl, type TestDatabase } from '../helpers/test-db';
import { addMember, callerFor, makeTenant, uniq } from '../helpers/fixtures';
import { withTenant, type TenantDb } from '@/server/db/tenant';
import { dateColumn } from '@/server/shared/calendar';
import { summaryParts, sumParts } from '@/server/collection/summary';
import type { Context } from '@/server/api/trpc';
import { code } from '../helpers/outcome';

// The route handler builds its context from the request's session; here it is the test's.
const ctxRef = vi.hoisted(() => ({ current: null as unknown }));
vi.mock('@/server/api/context', () => ({ createContext: async () => ctxRef.current }));
const { GET: exportArrearsRoute } = await import('@/app/api/arrears/export/route');

/** An instant at a local time in Asia/Shanghai (UTC+8), the companies' default time zone. */
const at = (ymd: string, hm = '10:00') => new Date(`${ymd}T${hm}:00+08:00`);

type Tenant = Awaited<ReturnType<typeof makeTenant>>;

/**
 * The hand-checked fixture (period P = 2026-06, cut-off D = 2026-06-30). Units U1, U2 in
 * building B1 and U3 in B2 of community C1; U4 in B3 of community C2. Parking space S1 (C1) is
 * tied to U1 and billed to it; S2 (C1) is rented alone and billed to its renter.
 *
 *   bill  object payer kind      period amount  due    created voided   payments / adjustments
 *   b1    U1     U1    REGULAR   06     10000   06-15  06-01   -        p1 10000 (recv 06-10)
 *   b2    U2     U2    REGULAR   06     20000   06-15  06-01   -        p2 20000 (recv 07-05: after D); a2 1000 PENDING
 *   b3    U3     U3    REGULAR   06     30000   06-15  06-01   -        p3 30000 (06-12), reversed in place by r3 (entered 06-20), p4 12000 (06-25)
 *   b4    U4     U4    REGULAR   06     40000   06-15  06-01   -        waiver a4 5000 (effective 06-18), p5 35000 (06-28)
 *   b5    S1     U1    REGULAR   06     15000   06-15  06-01   -        p1 5000 (06-10)
 *   b6    S2     S2    REGULAR   06     15000   06-15  06-01   -        p6 15000 received 06-30 but entered 07-01 00:30 local
 *   b7    U1     U1    ONE_OFF   06      5000   06-15  06-02   06-05    -
 *   b8    U3     U3    ONE_OFF   06      8000   06-20  06-02   07-10    -
 *   b9    U4     U4    ONE_OFF   06      3000   07-15  07-03   -        -
 *   b10   U1     U1    ONE_OFF   06      2000   06-15  06-01   -        p10 2000 (06-20), reversed in place by r10 entered 07-03 (after D)
 *   m1    U1     U1    REGULAR   05     10000   05-15  05-01   -        p9 10000 (05-10), reversed by r9 on 06-22 (May closed by then)
 *   m2    U2     U2    REGULAR   05     20000   05-15  05-01   -        p7 20000 (06-08: an old bill paid during P)
 *   m3    U3     U3    REGULAR   05     30000   05-15  05-01   -        p8 10000 (05-20); waiver a3 2000 effective 07-02 (after D)
 *   o2    U2     U2    REGULAR   10     20000   10-15  10-01   -        -
 *   o6    S2     S2    REGULAR   10     15000   10-15  10-01   -        -
 *   n1    U1     U1    REGULAR   11     10000   11-10  11-01   -        -
 */
async function buildFixture(t: TestDatabase, T: Tenant) {
  const { slug } = T;
  const tenantId = T.tenant.id;
  const c1 = await T.as.property.createCommunity({ tenant: slug, name: uniq('阳光花园') });
  const c2 = await T.as.property.createCommunity({ tenant: slug, name: uniq('银杏里') });
  const b1 = await T.as.property.createBuilding({ tenant: slug, communityId: c1.id, name: '1号楼' });
  const b2 = await T.as.property.createBuilding({ tenant: slug, communityId: c1.id, name: '2号楼' });
  const b3 = await T.as.property.createBuilding({ tenant: slug, communityId: c2.id, name: '3号楼' });
  const unit = (buildingId: string, number: string) => T.as.property.createUnit({ tenant: slug, buildingId, number, floor: 1, area: '100.00' });
  const U1 = await unit(b1.id, '101');
  const U2 = await unit(b1.id, '102');
  const U3 = await unit(b2.id, '201');
  const U4 = await unit(b3.id, '301');
  await T.as.property.createResident({ tenant: slug, unitId: U1.id, name: '张三', phone: '13800000001' });
  await T.as.property.createResident({ tenant: slug, unitId: U1.id, name: '赵六', phone: '13800000002' });
  await T.as.property.createResident({ tenant: slug, unitId: U3.id, name: '王五', phone: '13800000003' });
  await T.as.property.createResident({ tenant: slug, unitId: U4.id, name: '=HYPERLINK("x")', phone: '' });

  const ids = await withTenant(t.db.prisma, tenantId, async (db) => {
    const S1 = await db.parkingSpace.create({ data: { tenantId, communityId: c1.id, number: 'P-001', unitId: U1.id } });
    const S2 = await db.parkingSpace.create({
      data: { tenantId, communityId: c1.id, number: 'P-002', renterName: '李四', renterPhone: '13900000009', renterEmail: 'lisi@example.test' },
    });
    const fee = await db.feeItem.create({ data: { tenantId, name: '物业费', calc: 'PER_AREA', communityIds: [c1.id, c2.id] } });
    const park = await db.feeItem.create({ data: { tenantId, name: '车位费', calc: 'FIXED', objectKind: 'PARKING', communityIds: [c1.id] } });

    const who = T.admin.id;
    type Obj = { unitId: string } | { spaceId: string; payerUnitId?: string };
    const bill = async (o: Obj, b: { kind?: 'REGULAR' | 'ONE_OFF'; period: string; amount: number; due: string; created: string; voided?: string }) => {
      const kind = b.kind ?? 'REGULAR';
      const isUnit = 'unitId' in o;
      const row = await db.bill.create({
        data: {
          tenantId,
          kind,
          objectKind: isUnit ? 'UNIT' : 'PARKING',
          objectId: isUnit ? o.unitId : o.spaceId,
          ...(isUnit ? { unitId: o.unitId } : { parkingSpaceId: o.spaceId }),
          payerKind: isUnit || o.payerUnitId ? 'UNIT' : 'PARKING',
          payerId: isUnit ? o.unitId : (o.payerUnitId ?? o.spaceId),
          ...(kind === 'REGULAR' ? { feeItemId: isUnit ? fee.id : park.id } : { description: '一次性收费' }),
          period: b.period,
          amountFen: b.amount,
          dueDate: dateColumn(b.due),
          createdById: who,
          createdAt: at(b.created, '09:00'),
          ...(b.voided ? { voidedAt: at(b.voided), voidReason: 'mistake' } : {}),
        },
      });
      return row.id;
    };
    const u1 = { unitId: U1.id };
    const u2 = { unitId: U2.id };
    const u3 = { unitId: U3.id };
    const u4 = { unitId: U4.id };
    const s1 = { spaceId: S1.id, payerUnitId: U1.id };
    const s2 = { spaceId: S2.id };
    const B = {
      b1: await bill(u1, { period: '2026-06', amount: 10000, due: '2026-06-15', created: '2026-06-01' }),
      b2: await bill(u2, { period: '2026-06', amount: 20000, due: '2026-06-15', created: '2026-06-01' }),
      b3: await bill(u3, { period: '2026-06', amount: 30000, due: '2026-06-15', created: '2026-06-01' }),
      b4: await bill(u4, { period: '2026-06', amount: 40000, due: '2026-06-15', created: '2026-06-01' }),
      b5: await bill(s1, { period: '2026-06', amount: 15000, due: '2026-06-15', created: '2026-06-01' }),
      b6: await bill(s2, { period: '2026-06', amount: 15000, due: '2026-06-15', created: '2026-06-01' }),
      b7: await bill(u1, { kind: 'ONE_OFF', period: '2026-06', amount: 5000, due: '2026-06-15', created: '2026-06-02', voided: '2026-06-05' }),
      b8: await bill(u3, { kind: 'ONE_OFF', period: '2026-06', amount: 8000, due: '2026-06-20', created: '2026-06-02', voided: '2026-07-10' }),
      b9: await bill(u4, { kind: 'ONE_OFF', period: '2026-06', amount: 3000, due: '2026-07-15', created: '2026-07-03' }),
      b10: await bill(u1, { kind: 'ONE_OFF', period: '2026-06', amount: 2000, due: '2026-06-15', created: '2026-06-01' }),
      m1: await bill(u1, { period: '2026-05', amount: 10000, due: '2026-05-15', created: '2026-05-01' }),
      m2: await bill(u2, { period: '2026-05', amount: 20000, due: '2026-05-15', created: '2026-05-01' }),
      m3: await bill(u3, { period: '2026-05', amount: 30000, due: '2026-05-15', created: '2026-05-01' }),
      o2: await bill(u2, { period: '2026-10', amount: 20000, due: '2026-10-15', created: '2026-10-01' }),
      o6: await bill(s2, { period: '2026-10', amount: 15000, due: '2026-10-15', created: '2026-10-01' }),
      n1: await bill(u1, { period: '2026-11', amount: 10000, due: '2026-11-10', created: '2026-11-01' }),
    };

    let receiptNo = 0;
    const pay = async (
      payer: { kind: 'UNIT' | 'PARKING'; id: string },
      recv: string,
      allocs: [string, number][],
      opts: { entered?: Date; reverses?: string } = {},
    ) => {
      const amount = Math.abs(allocs.reduce((s, [, a]) => s + a, 0));
      const entered = opts.entered ?? at(recv);
      const p = await db.payment.create({
        data: {
          tenantId,
          kind: opts.reverses ? 'REVERSAL' : 'PAYMENT',
          method: 'CASH',
          payerKind: payer.kind,
          payerId: payer.id,
          amountFen: amount,
          receivedOn: dateColumn(recv),
          countedOn: dateColumn(recv),
          enteredAt: entered,
          enteredById: who,
          ...(opts.reverses ? { reversesId: opts.reverses } : { receiptYear: 2026, receiptNo: ++receiptNo }),
        },
      });
      for (const [billId, a] of allocs) {
        await db.paymentAllocation.create({ data: { tenantId, paymentId: p.id, billId, amountFen: a, createdAt: entered } });
      }
      return p.id;
    };
    const U = (id: string) => ({ kind: 'UNIT' as const, id });
    await pay(U(U1.id), '2026-06-10', [
      [B.b1, 10000],
      [B.b5, 5000],
    ]); // p1
    await pay(U(U2.id), '2026-07-05', [[B.b2, 20000]]); // p2
    const p3 = await pay(U(U3.id), '2026-06-12', [[B.b3, 30000]]);
    await pay(U(U3.id), '2026-06-12', [[B.b3, -30000]], { reverses: p3, entered: at('2026-06-20') }); // r3, in place
    await pay(U(U3.id), '2026-06-25', [[B.b3, 12000]]); // p4
    const p5 = await pay(U(U4.id), '2026-06-28', [[B.b4, 35000]]);
    const p6 = await pay({ kind: 'PARKING', id: S2.id }, '2026-06-30', [[B.b6, 15000]], { entered: at('2026-07-01', '00:30') });
    await pay(U(U2.id), '2026-06-08', [[B.m2, 20000]]); // p7
    await pay(U(U3.id), '2026-05-20', [[B.m3, 10000]]); // p8
    const p9 = await pay(U(U1.id), '2026-05-10', [[B.m1, 10000]]);
    // r9: May was closed by then, so the reversal counts on its entry day (payments service)
    await pay(U(U1.id), '2026-06-22', [[B.m1, -10000]], { reverses: p9 }); // r9
    const p10 = await pay(U(U1.id), '2026-06-20', [[B.b10, 2000]]);
    await pay(U(U1.id), '2026-06-20', [[B.b10, -2000]], { reverses: p10, entered: at('2026-07-03') }); // r10, in place

    const adj = (billId: string, amountFen: number, status: 'APPROVED' | 'PENDING', effective?: string) =>
      db.adjustment.create({
        data: {
          tenantId,
          billId,
          kind: 'WAIVER',
          amountFen,
          reason: 'test',
          status,
          requestedById: who,
          ...(effective ? { decidedById: who, decidedAt: at(effective), effectiveOn: dateColumn(effective) } : {}),
        },
      });
    await adj(B.b4, 5000, 'APPROVED', '2026-06-18'); // a4
    await adj(B.b2, 1000, 'PENDING'); // a2
    await adj(B.m3, 2000, 'APPROVED', '2026-07-02'); // a3
    await syncBillTotals(db, tenantId);
    return { S1: S1.id, S2: S2.id, bills: B, p5, p6 };
  });
  return { c1, c2, b1, b2, b3, U1, U2, U3, U4, ...ids };
}

/** Bill.paidFen / adjustedFen as the payment and billing services would keep them (present state). */
async function syncBillTotals(db: TenantDb, tenantId: string) {
  await db.$executeRaw`
    update "Bill" b set
      "paidFen" = coalesce((select sum(a."amountFen") from "PaymentAllocation" a where a."tenantId" = b."tenantId" and a."billId" = b."id"), 0),
      "adjustedFen" = coalesce((select sum(j."amountFen") from "Adjustment" j where j."tenantId" = b."tenantId" and j."billId" = b."id" and j."status" = 'APPROVED'), 0)
    where b."tenantId" = ${tenantId}`;
}

describe.skipIf(!pgServerUrl())('collection summary, rates, period close and arrears (PostgreSQL)', () => {
  let t: TestDatabase;
  let A: Tenant;
  let B: Tenant;
  let f: Awaited<ReturnType<typeof buildFixture>>;

  beforeAll(async () => {
    t = await createTestDatabase();
    A = await makeTenant(t.db, 'Alpha 物业');
    B = await makeTenant(t.db, 'Beta 物业');
    f = await buildFixture(t, A);
  });
  afterAll(() => t?.drop());

  it('computes the four rates as of the period end, matching numerators and denominators written by hand', async () => {
    const s = await A.as.collection.getSummary({ tenant: A.slug, period: '2026-06' });
    expect(s).toMatchObject({ period: '2026-06', cutoff: '2026-06-30', closed: false });
    // Bills that count in the rate (issue #12 fee point 3): the regular bills of 物业费 and 车位费,
    // b1..b6, whenever created. The one-off bills b7..b10 are shown beside the rates, never inside.
    // gross = 10000 + 20000 + 30000 + 40000 + 15000 + 15000 = 130000
    expect(s.grossBilledFen).toBe(130000);
    // adjusted = a4 5000 (a2 is pending; a3 is on a May bill)
    expect(s.adjustedFen).toBe(5000);
    expect(s.billedFen).toBe(125000);
    // collected = money effective by 06-30, whenever entered: b1 10000 + b3 (30000 − 30000 +
    // 12000) + b4 35000 + b5 5000 + b6 15000 (p6: received 06-30, entered 07-01 00:30, counted
    // 06-30: it counts as of D although entered after it) = 77000; p2 (received 07-05) does not
    expect(s.collectedFen).toBe(77000);
    // outstanding = b2 20000 + b3 18000 + b5 10000 = 48000
    expect(s.outstandingFen).toBe(48000);
    // opening arrears at 06-01: m1 10000 − p9 10000 = 0; m2 20000; m3 30000 − p8 10000 = 20000
    // (a3 takes effect after D) → 40000
    expect(s.openingArrearsFen).toBe(40000);
    // recovered during June: p7 20000 on m2, r9 −10000 on m1 (the reversal lands in June) → 10000
    expect(s.arrearsRecoveredFen).toBe(10000);
    expect(s.arrearsAdjustedFen).toBe(0);
    expect(s.rates.currentPeriod).toEqual({ numeratorFen: 77000, denominatorFen: 125000, rate: 77000 / 125000 });
    // households billed: U1, U2, U3, U4 (S1's parking bill does not count here, though unpaid);
    // fully paid: U1 (b1) and U4 (b4 net 35000, paid 35000) → 2 / 4
    expect(s.rates.household).toEqual({ numerator: 2, denominator: 4, rate: 0.5 });
    expect(s.rates.arrearsRecovery).toEqual({ numeratorFen: 10000, denominatorFen: 40000, rate: 0.25 });
    expect(s.rates.overall).toEqual({ numeratorFen: 87000, denominatorFen: 165000, rate: 87000 / 165000 });
    // Beside the rates: b8 8000 (voided 07-10, after D), b9 3000 (billed 07-03 for June: it is
    // June's), b10 2000 (p10 and r10 both dated 06-20: 0 collected); b7 was voided 06-05.
    expect(s).toMatchObject({ notInRateBilledFen: 13000, notInRateCollectedFen: 0, notInRateOutstandingFen: 13000, notInRateRecoveredFen: 0 });
    // roll-forward: 40000 − 10000 − 0 + 48000 = 78000, July's opening arrears
    expect(s.rollForward).toEqual({ openingFen: 40000, recoveredFen: 10000, adjustedFen: 0, ownOutstandingFen: 48000, closingFen: 78000 });
  });

  it('the roll-forward holds from May to August: recovery and waivers of earlier bills land in the period they take effect', async () => {
    const may = await A.as.collection.getSummary({ tenant: A.slug, period: '2026-05' });
    // May: m1, m2, m3 = 60000 billed; p9 10000 (05-10) and p8 10000 (05-20) collected
    expect(may).toMatchObject({ billedFen: 60000, collectedFen: 20000, outstandingFen: 40000, openingArrearsFen: 0 });
    expect(may.rollForward.closingFen).toBe(40000);
    const june = await A.as.collection.getSummary({ tenant: A.slug, period: '2026-06' });
    expect(june.openingArrearsFen).toBe(may.rollForward.closingFen);
    const july = await A.as.collection.getSummary({ tenant: A.slug, period: '2026-07' });
    // July: no bills of its own; opening = June's closing; p2 20000 on June's b2 (07-05) is
    // recovered in July; the waiver a3 2000 of May's m3 (effective 07-02) is arrears adjusted
    expect(july).toMatchObject({ billedFen: 0, openingArrearsFen: 78000, arrearsRecoveredFen: 20000, arrearsAdjustedFen: 2000 });
    expect(july.rollForward.closingFen).toBe(56000);
    const aug = await A.as.collection.getSummary({ tenant: A.slug, period: '2026-08' });
    // August opens with m1 10000 (p9 reversed), m3 18000, b3 18000, b5 10000
    expect(aug.openingArrearsFen).toBe(56000);
    expect(aug.openingArrearsFen).toBe(july.rollForward.closingFen);
  });

  it('moves the cut-off: D limits adjustments, voids and "paid by D", while money stays in the period of its effective date', async () => {
    const s = await A.as.collection.getSummary({ tenant: A.slug, period: '2026-06', cutoff: '2026-07-31' });
    expect(s.cutoff).toBe('2026-07-31');
    // Billed is still 125000 (b8's void and b9 are beside the rates); collected stays 77000: p2
    // (07-05) is July's recovery, not June's collection (issue #12: before, it was added here)
    expect(s.rates.currentPeriod).toEqual({ numeratorFen: 77000, denominatorFen: 125000, rate: 77000 / 125000 });
    // households paid by D: U1, U2 (p2), U4 → 3 / 4; outstanding by D: b3 18000 + b5 10000
    expect(s.rates.household).toMatchObject({ numerator: 3, denominator: 4 });
    expect(s.outstandingFen).toBe(28000);
    // opening arrears are taken at 06-01 whatever D is; recovered and adjusted stay within June
    expect(s.rates.arrearsRecovery).toEqual({ numeratorFen: 10000, denominatorFen: 40000, rate: 0.25 });
    expect(s.arrearsAdjustedFen).toBe(0);
    // beside: b8's void (07-10) took effect by D
    expect(s.notInRateBilledFen).toBe(5000);
    await expect(A.as.collection.getSummary({ tenant: A.slug, period: '2026-06', cutoff: '2026-05-31' })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
  });

  it('scopes the summary to a community or a building', async () => {
    const c1 = await A.as.collection.getSummary({ tenant: A.slug, period: '2026-06', scope: { communityId: f.c1.id } });
    // C1: b1 10000 + b2 20000 + b3 30000 + b5 15000 + b6 15000 = 90000; collected b1 10000 +
    // b3 12000 + b5 5000 + b6 15000 = 42000; opening 40000 and recovered 10000 are all C1's;
    // households U1 paid, U2 and U3 not → 1 / 3
    expect(c1.rates).toEqual({
      currentPeriod: { numeratorFen: 42000, denominatorFen: 90000, rate: 42000 / 90000 },
      household: { numerator: 1, denominator: 3, rate: 1 / 3 },
      arrearsRecovery: { numeratorFen: 10000, denominatorFen: 40000, rate: 0.25 },
      overall: { numeratorFen: 52000, denominatorFen: 130000, rate: 52000 / 130000 },
    });
    const c2 = await A.as.collection.getSummary({ tenant: A.slug, period: '2026-06', scope: { communityId: f.c2.id } });
    // C2: b4 only: billed 35000, collected 35000; no earlier bills → recovery rate null
    expect(c2.rates).toEqual({
      currentPeriod: { numeratorFen: 35000, denominatorFen: 35000, rate: 1 },
      household: { numerator: 1, denominator: 1, rate: 1 },
      arrearsRecovery: { numeratorFen: 0, denominatorFen: 0, rate: null },
      overall: { numeratorFen: 35000, denominatorFen: 35000, rate: 1 },
    });
    const b1 = await A.as.collection.getSummary({ tenant: A.slug, period: '2026-06', scope: { buildingId: f.b1.id } });
    // B1: U1, U2 and S1 (billed to U1): b1 10000 + b2 20000 + b5 15000 = 45000; collected
    // 10000 + 5000 = 15000; opening m2 20000 (m1 was paid before June); recovered 20000 − 10000
    // = 10000; households 1 / 2
    expect(b1.rates).toEqual({
      currentPeriod: { numeratorFen: 15000, denominatorFen: 45000, rate: 15000 / 45000 },
      household: { numerator: 1, denominator: 2, rate: 0.5 },
      arrearsRecovery: { numeratorFen: 10000, denominatorFen: 20000, rate: 0.5 },
      overall: { numeratorFen: 25000, denominatorFen: 65000, rate: 25000 / 65000 },
    });
    await expect(A.as.collection.getSummary({ tenant: A.slug, period: '2026-06', scope: { communityId: f.c2.id, buildingId: f.b1.id } })).rejects.toMatchObject(
      { code: 'BAD_REQUEST' },
    );
  });

  it('which bills count: items off the rate, one-off and late-fee bills beside; corrections like the bill they replace; billing March on 2 April', async () => {
    const W = await makeTenant(t.db, 'Which 物业');
    const tenantId = W.tenant.id;
    const c = await W.as.property.createCommunity({ tenant: W.slug, name: uniq('小区') });
    const bd = await W.as.property.createBuilding({ tenant: W.slug, communityId: c.id, name: '1号楼' });
    const U = await W.as.property.createUnit({ tenant: W.slug, buildingId: bd.id, number: '101', floor: 1, area: '80.00' });
    const U2 = await W.as.property.createUnit({ tenant: W.slug, buildingId: bd.id, number: '102', floor: 1, area: '70.00' });
    // The fee item form's flag (issue #12 fee point 3): on by default for recurring items, off
    // for one-off items; it can be switched and is shown.
    const fee = await W.as.feeItems.create({ tenant: W.slug, name: '物业费', calc: 'PER_AREA', communityIds: [c.id] });
    const junk = await W.as.feeItems.create({ tenant: W.slug, name: '垃圾清运', calc: 'FIXED', communityIds: [c.id], countsInRate: false });
    const once = await W.as.feeItems.create({ tenant: W.slug, name: '装修押金', calc: 'ONE_OFF', communityIds: [c.id] });
    const items = await W.as.feeItems.list({ tenant: W.slug });
    const flag = (id: string) => items.find((i) => i.id === id)?.countsInRate;
    expect([flag(fee.id), flag(junk.id), flag(once.id)]).toEqual([true, false, false]);
    await W.as.feeItems.update({ tenant: W.slug, id: junk.id, countsInRate: true });
    expect((await W.as.feeItems.list({ tenant: W.slug })).find((i) => i.id === junk.id)?.countsInRate).toBe(true);
    await W.as.feeItems.update({ tenant: W.slug, id: junk.id, countsInRate: false });

    await withTenant(t.db.prisma, tenantId, async (db) => {
      const bill = (b: {
        kind: 'REGULAR' | 'CORRECTION' | 'ONE_OFF' | 'LATE_FEE';
        item: string | null;
        period: string;
        amount: number;
        created: string;
        voided?: string;
        replacesId?: string;
        forBillId?: string;
        unit?: string;
      }) =>
        db.bill.create({
          data: {
            tenantId,
            kind: b.kind,
            objectKind: 'UNIT',
            objectId: b.unit ?? U.id,
            unitId: b.unit ?? U.id,
            payerKind: 'UNIT',
            payerId: b.unit ?? U.id,
            feeItemId: b.item,
            period: b.period,
            amountFen: b.amount,
            dueDate: dateColumn(`${b.period}-15`),
            createdById: W.admin.id,
            createdAt: at(b.created),
            ...(b.voided ? { voidedAt: at(b.voided), voidReason: 'x' } : {}),
            ...(b.replacesId ? { replacesId: b.replacesId } : {}),
            ...(b.forBillId ? { forBillId: b.forBillId } : {}),
          },
        });
      const r1 = await bill({ kind: 'REGULAR', item: fee.id, period: '2026-03', amount: 10000, created: '2026-04-02' }); // billing March on 2 April
      await bill({ kind: 'REGULAR', item: junk.id, period: '2026-03', amount: 5000, created: '2026-03-05' });
      const r2 = await bill({ kind: 'REGULAR', item: fee.id, period: '2026-03', amount: 8000, created: '2026-03-01', voided: '2026-03-10', unit: U2.id });
      await bill({ kind: 'CORRECTION', item: fee.id, period: '2026-03', amount: 7000, created: '2026-03-10', replacesId: r2.id, unit: U2.id });
      const o1 = await bill({ kind: 'ONE_OFF', item: fee.id, period: '2026-03', amount: 2000, created: '2026-03-02', voided: '2026-03-12' });
      const c2 = await bill({ kind: 'CORRECTION', item: fee.id, period: '2026-03', amount: 1500, created: '2026-03-12', replacesId: o1.id });
      await bill({ kind: 'LATE_FEE', item: fee.id, period: '2026-04', amount: 300, created: '2026-04-20', forBillId: r1.id });
      // money: 1500 on the corrected one-off (beside); 4000 on r1 received 03-31 but counted
      // 04-01 (03-31 was closed when it was entered): April's recovery, not March's collection
      const pay = async (billId: string, amount: number, recv: string, counted: string, entered: string) => {
        const p = await db.payment.create({
          data: {
            tenantId,
            kind: 'PAYMENT',
            method: 'CASH',
            payerKind: 'UNIT',
            payerId: U.id,
            amountFen: amount,
            receivedOn: dateColumn(recv),
            countedOn: dateColumn(counted),
            enteredAt: at(entered),
            enteredById: W.admin.id,
          },
        });
        await db.paymentAllocation.create({ data: { tenantId, paymentId: p.id, billId, amountFen: amount } });
      };
      await pay(c2.id, 1500, '2026-03-20', '2026-03-20', '2026-03-20');
      await pay(r1.id, 4000, '2026-03-31', '2026-04-01', '2026-04-01');
    });

    const march = await W.as.collection.getSummary({ tenant: W.slug, period: '2026-03' });
    // In the rate: r1 10000 (billed 04-02, still March's) + the correction of U2's r2 7000 (r2 void)
    expect(march).toMatchObject({ billedFen: 17000, collectedFen: 0, outstandingFen: 17000, unitsBilled: 2, unitsPaid: 0 });
    // Beside: 垃圾清运 5000 (its item is off the rate) + the correction of a one-off 1500, paid
    expect(march).toMatchObject({ notInRateBilledFen: 6500, notInRateCollectedFen: 1500, notInRateOutstandingFen: 5000 });
    expect(march.rates.currentPeriod).toEqual({ numeratorFen: 0, denominatorFen: 17000, rate: 0 });
    const april = await W.as.collection.getSummary({ tenant: W.slug, period: '2026-04' });
    // April opens with March's counting bills; the payment counted 04-01 is recovered in April;
    // the late-fee bill is April's, beside the rates
    expect(april).toMatchObject({ billedFen: 0, openingArrearsFen: 17000, arrearsRecoveredFen: 4000, notInRateBilledFen: 300, notInRateRecoveredFen: 0 });
    expect(april.openingArrearsFen).toBe(march.rollForward.closingFen);
  });

  it('lists arrears by unit, building and community with ageing buckets, residents and pages', async () => {
    const asOf = '2026-11-20';
    // As of 11-20 (b8 void, a3 in effect, every payment counted), days overdue and unpaid parts:
    //   U1: b5 10000 (158 d), b10 2000 (158 d), m1 10000 (189 d), n1 10000 (10 d) = 32000
    //   U2: o2 20000 (36 d)                                           = 20000
    //   U3: b3 18000 (158 d), m3 30000 − 2000 − 10000 = 18000 (189 d) = 36000
    //   U4: b9 3000 (128 d)                                           =  3000
    //   S2: o6 15000 (36 d)                                           = 15000
    const totals = { d0_30Fen: 10000, d31_90Fen: 35000, d91_180Fen: 33000, over180Fen: 28000, totalFen: 106000, units: 4, spaces: 1 };
    const p1 = await A.as.collection.listArrears({ tenant: A.slug, level: 'unit', asOf, pageSize: 2 });
    expect(p1).toMatchObject({ asOf, total: 5, totals });
    expect(p1.rows.map((r) => [r.payerId, r.totalFen])).toEqual([
      [f.U3.id, 36000],
      [f.U1.id, 32000],
    ]);
    expect(p1.rows[1]).toMatchObject({
      label: '101',
      d0_30Fen: 10000,
      d31_90Fen: 0,
      d91_180Fen: 12000,
      over180Fen: 10000,
      bills: 4,
      maxDaysOverdue: 189,
      oldestDueDate: '2026-05-15',
      residents: [
        { name: '张三', phone: '13800000001' },
        { name: '赵六', phone: '13800000002' },
      ],
    });
    const p2 = await A.as.collection.listArrears({ tenant: A.slug, level: 'unit', asOf, pageSize: 2, page: 2 });
    expect(p2.rows.map((r) => [r.payerKind, r.payerId, r.totalFen])).toEqual([
      ['UNIT', f.U2.id, 20000],
      ['PARKING', f.S2, 15000],
    ]);
    expect(p2.rows[1]).toMatchObject({ label: 'P-002', residents: [{ name: '李四', phone: '13900000009' }], d31_90Fen: 15000 });
    const past = await A.as.collection.listArrears({ tenant: A.slug, level: 'unit', asOf, pageSize: 2, page: 9 });
    expect(past).toMatchObject({ rows: [], total: 5, totals });

    const byCommunity = await A.as.collection.listArrears({ tenant: A.slug, level: 'community', asOf });
    expect(byCommunity.rows.map((r) => [r.communityId, r.totalFen, r.units, r.spaces])).toEqual([
      [f.c1.id, 103000, 3, 1],
      [f.c2.id, 3000, 1, 0],
    ]);
    const byBuilding = await A.as.collection.listArrears({ tenant: A.slug, level: 'building', asOf, communityId: f.c1.id });
    expect(byBuilding.rows.map((r) => [r.buildingId, r.totalFen, r.units, r.spaces])).toEqual([
      [f.b1.id, 52000, 2, 0],
      [f.b2.id, 36000, 1, 0],
      [null, 15000, 0, 1],
    ]);
    expect(byBuilding.totals).toMatchObject({ totalFen: 103000, units: 3, spaces: 1 });

    // Before June's due date only May's bills are in arrears: as of 06-05, m1 is paid (r9 comes
    // later), m2 20000 (p7 comes on 06-08) and m3 30000 − 10000 = 20000, 21 days overdue.
    const early = await A.as.collection.listArrears({ tenant: A.slug, level: 'unit', asOf: '2026-06-05' });
    expect(early.rows.map((r) => [r.payerId, r.totalFen, r.maxDaysOverdue])).toEqual([
      [f.U2.id, 20000, 21],
      [f.U3.id, 20000, 21],
    ]);
  });

  it('exports arrears as CSV with a BOM, in the reader’s language, through the same authorization', async () => {
    const url = (tenant: string, extra = '') => `http://localhost/api/arrears/export?tenant=${tenant}&level=unit&asOf=2026-11-20${extra}`;
    ctxRef.current = { prisma: t.db.prisma, user: A.admin, ip: '127.0.0.1', origin: 'http://localhost' } satisfies Context;
    const zh = await exportArrearsRoute(new Request(url(A.slug)));
    expect(zh.status).toBe(200);
    expect(zh.headers.get('content-type')).toContain('text/csv');
    expect(zh.headers.get('content-disposition')).toContain(`arrears-${A.slug}-unit-2026-11-20.csv`);
    const bytes = new Uint8Array(await zh.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder().decode(bytes.slice(3));
    const lines = text.trim().split('\r\n');
    expect(lines[0]).toBe(
      '小区,楼栋,房号/车位,类型,住户,电话,0–30天(元),31–90天(元),91–180天(元),180天以上(元),欠费合计(元),欠费账单数,最长逾期天数,最早应缴日期,最近催缴日期',
    );
    expect(lines).toHaveLength(6);
    const u1 = lines.find((l) => l.includes(',101,'))!;
    // amounts in yuan with 2 decimals; no reminder yet
    expect(u1).toBe(`${f.c1.name},1号楼,101,房屋,张三; 赵六,13800000001; 13800000002,100.00,0.00,120.00,100.00,320.00,4,189,2026-05-15,`);
    // a name that a spreadsheet would run as a formula is escaped
    expect(lines.find((l) => l.includes(',301,'))).toContain(`,"'=HYPERLINK(""x"")",`);
    expect(lines.find((l) => l.includes('P-002'))).toContain('(独立车位),P-002,车位,李四,13900000009,0.00,150.00,0.00,0.00,150.00');

    const en = await exportArrearsRoute(new Request(url(A.slug, '').replace('level=unit', 'level=community'), { headers: { cookie: 'x=1; linli_locale=en' } }));
    const enText = (await en.text()).replace(/^\uFEFF/, '');
    expect(enText.split('\r\n')[0]).toBe(
      'Community,Units in arrears,Spaces in arrears,0–30 days (CNY),31–90 days (CNY),91–180 days (CNY),Over 180 days (CNY),Total arrears (CNY),Bills,Max days overdue,Oldest due date',
    );
    expect(enText).toContain(`${f.c1.name},3,1,100.00,350.00,300.00,280.00,1030.00`);

    // Another company's member, a signed-out caller, a resident, a bad level.
    ctxRef.current = { prisma: t.db.prisma, user: B.admin, ip: '127.0.0.1', origin: 'http://localhost' } satisfies Context;
    expect((await exportArrearsRoute(new Request(url(A.slug)))).status).toBe(404);
    expect((await exportArrearsRoute(new Request(url(B.slug, `&communityId=${f.c1.id}`)))).status).toBe(404);
    ctxRef.current = { prisma: t.db.prisma, user: null, ip: '127.0.0.1', origin: 'http://localhost' } satisfies Context;
    expect((await exportArrearsRoute(new Request(url(A.slug)))).status).toBe(401);
    ctxRef.current = {
      prisma: t.db.prisma,
      user: await addMember(t.db, A.tenant.id, 'RESIDENT'),
      ip: '127.0.0.1',
      origin: 'http://localhost',
    } satisfies Context;
    expect((await exportArrearsRoute(new Request(url(A.slug)))).status).toBe(403);
    expect((await exportArrearsRoute(new Request(url(A.slug).replace('level=unit', 'level=floor')))).status).toBe(400);
  });

  it('lets executives read reports and cashiers read arrears, and no one else', async () => {
    const exec = callerFor(t.db, await addMember(t.db, A.tenant.id, 'EXECUTIVE'));
    const cashier = callerFor(t.db, await addMember(t.db, A.tenant.id, 'CASHIER'));
    expect((await exec.collection.getSummary({ tenant: A.slug, period: '2026-06' })).billedFen).toBe(125000);
    expect(await code(cashier.collection.getSummary({ tenant: A.slug, period: '2026-06' }))).toBe('FORBIDDEN');
    expect(await code(cashier.collection.listArrears({ tenant: A.slug, asOf: '2026-11-20' }))).toBe('OK');
    expect(await code(exec.collection.closePeriod({ tenant: A.slug, period: '2026-06' }))).toBe('FORBIDDEN');
    expect(await code(cashier.collection.sendReminders({ tenant: A.slug }))).toBe('FORBIDDEN');
  });

  it('refuses tenant B on everything of tenant A', async () => {
    const cA = { communityId: f.c1.id };
    expect(await code(B.as.collection.getSummary({ tenant: B.slug, period: '2026-06', scope: cA }))).toBe('NOT_FOUND');
    expect(await code(B.as.collection.getSummary({ tenant: B.slug, period: '2026-06', scope: { buildingId: f.b1.id } }))).toBe('NOT_FOUND');
    expect(await code(B.as.collection.getSummary({ tenant: A.slug, period: '2026-06' }))).toBe('NOT_FOUND');
    expect(await code(B.as.collection.listArrears({ tenant: B.slug, ...cA }))).toBe('NOT_FOUND');
    expect(await code(B.as.collection.listArrears({ tenant: B.slug, buildingId: f.b1.id, level: 'building' }))).toBe('NOT_FOUND');
    expect(await code(B.as.collection.listArrearsExport({ tenant: B.slug, ...cA }))).toBe('NOT_FOUND');
    expect(await code(B.as.collection.listArrearsExport({ tenant: A.slug }))).toBe('NOT_FOUND');
    expect(await code(B.as.collection.sendReminders({ tenant: B.slug, unitIds: [f.U1.id], force: true }))).toBe('NOT_FOUND');
    expect(await code(B.as.collection.sendReminders({ tenant: B.slug, ...cA }))).toBe('NOT_FOUND');
    expect(await code(B.as.collection.listReminders({ tenant: B.slug, unitId: f.U1.id }))).toBe('NOT_FOUND');
    expect(await code(B.as.collection.closePeriod({ tenant: A.slug, period: '2026-06' }))).toBe('NOT_FOUND');
    expect(await code(B.as.collection.listPeriodCloses({ tenant: A.slug }))).toBe('NOT_FOUND');
    // B's own figures and arrears hold nothing of A's.
    const own = await B.as.collection.getSummary({ tenant: B.slug, period: '2026-06' });
    expect(own).toMatchObject({ billedFen: 0, openingArrearsFen: 0, rates: { currentPeriod: { rate: null } } });
    expect((await B.as.collection.listArrears({ tenant: B.slug, asOf: '2026-11-20' })).total).toBe(0);
    // B closing its own June leaves A's open; no reminder was written for A's units.
    await B.as.collection.closePeriod({ tenant: B.slug, period: '2026-06' });
    expect((await A.as.collection.getSummary({ tenant: A.slug, period: '2026-06' })).closed).toBe(false);
    expect((await A.as.collection.listReminders({ tenant: A.slug })).total).toBe(0);
  });

  it('closes a period once, only when it is over, and then publishes frozen figures', async () => {
    const C = await makeTenant(t.db, 'Gamma 物业');
    const g = await buildFixture(t, C);
    const thisPeriod = localToday().slice(0, 7);
    expect(await code(C.as.collection.closePeriod({ tenant: C.slug, period: '2099-01' }))).toBe('PRECONDITION_FAILED');
    expect(await code(C.as.collection.closePeriod({ tenant: C.slug, period: thisPeriod }))).toBe('PRECONDITION_FAILED');

    const closed = await C.as.collection.closePeriod({ tenant: C.slug, period: '2026-06' });
    expect(closed).toMatchObject({ period: '2026-06', cutoff: '2026-06-30', figures: { billedFen: 125000, collectedFen: 77000 } });
    expect(await code(C.as.collection.closePeriod({ tenant: C.slug, period: '2026-06' }))).toBe('CONFLICT');
    const audit = await C.as.company.listAudit({ tenant: C.slug, action: 'period.close' });
    expect(audit.rows).toHaveLength(1);
    expect(audit.rows[0]!.after).toMatchObject({ period: '2026-06', billedFen: 125000, collectedFen: 77000 });
    const list = await C.as.collection.listPeriodCloses({ tenant: C.slug });
    expect(list.rows.map((r) => [r.period, r.billedFen, r.rates.overall.numeratorFen])).toEqual([['2026-06', 125000, 87000]]);

    // Later changes: p5 (on b4) is reversed today, and a waiver on b3 is approved with a June date.
    await withTenant(t.db.prisma, C.tenant.id, async (db) => {
      const tenantId = C.tenant.id;
      const r = await db.payment.create({
        data: {
          tenantId,
          kind: 'REVERSAL',
          method: 'CASH',
          payerKind: 'UNIT',
          payerId: g.U4.id,
          amountFen: 35000,
          receivedOn: dateColumn(localToday()),
          countedOn: dateColumn(localToday()),
          enteredById: C.admin.id,
          reversesId: g.p5,
        },
      });
      await db.paymentAllocation.create({ data: { tenantId, paymentId: r.id, billId: g.bills.b4, amountFen: -35000 } });
      await db.adjustment.create({
        data: {
          tenantId,
          billId: g.bills.b3,
          kind: 'WAIVER',
          amountFen: 3000,
          reason: 'late approval',
          status: 'APPROVED',
          requestedById: C.admin.id,
          decidedById: C.admin.id,
          decidedAt: new Date(),
          effectiveOn: dateColumn('2026-06-25'),
        },
      });
      await syncBillTotals(db, tenantId);
    });
    // Recomputed as of 06-30, June would now read 122000 billed (the back-dated waiver) …
    const recomputed = await withTenant(t.db.prisma, C.tenant.id, async (db) =>
      sumParts(await summaryParts(db, { tenantId: C.tenant.id, timeZone: 'Asia/Shanghai', period: '2026-06', cutoff: '2026-06-30' })),
    );
    expect(recomputed.billedFen).toBe(122000);
    // … but the closed period's published figures do not move, for the company or a scope.
    const s = await C.as.collection.getSummary({ tenant: C.slug, period: '2026-06' });
    expect(s).toMatchObject({ closed: true, cutoff: '2026-06-30', billedFen: 125000, collectedFen: 77000 });
    expect(s.rates.overall).toEqual({ numeratorFen: 87000, denominatorFen: 165000, rate: 87000 / 165000 });
    const sc = await C.as.collection.getSummary({ tenant: C.slug, period: '2026-06', scope: { buildingId: g.b2.id } });
    // B2 (U3): b3 30000 billed, 12000 collected, as published (b8 is beside the rates)
    expect(sc).toMatchObject({ closed: true, billedFen: 30000, collectedFen: 12000, notInRateBilledFen: 8000 });
    // The reversal lands in the open period it was entered in: collected on earlier bills there
    // is −35000 (nothing else of the fixture is dated in it).
    const thisMonth = localToday().slice(0, 7);
    const open = await C.as.collection.getSummary({ tenant: C.slug, period: thisMonth });
    expect(open).toMatchObject({ closed: false, arrearsRecoveredFen: -35000, arrearsAdjustedFen: 0 });

    // Issue #12 fee point 5: a closed period's bill can still be voided and corrected. b6 (S2's
    // June parking bill, paid by p6 on 06-30) needs its payment reversed first: 06-30 is in the
    // closed June, so the reversal takes the first open day, today.
    const rev = await C.as.payments.reversePayment({ tenant: C.slug, paymentId: g.p6, reason: '车位退租' });
    expect(rev).toMatchObject({ inPlace: false, countedOn: localToday() });
    await C.as.billing.voidBill({ tenant: C.slug, id: g.bills.b6, reason: '车位退租，6月不应收' });
    const corr = await C.as.billing.createCorrection({ tenant: C.slug, voidBillId: g.bills.b6, amountFen: 14000, reason: '按实际天数' });
    expect(corr.period).toBe(thisMonth);
    // June's published figures did not move …
    expect(await C.as.collection.getSummary({ tenant: C.slug, period: '2026-06' })).toMatchObject({ closed: true, billedFen: 125000, collectedFen: 77000 });
    // … the void takes effect in the open period: b6 owed 15000 − 15000 = 0 at its first day, the
    // reversal is −15000 of recovery and the void takes its net 15000 out as arrears adjusted; the
    // correction is this period's own bill, counted in the rate like the bill it replaces.
    const after = await C.as.collection.getSummary({ tenant: C.slug, period: thisMonth });
    expect(after).toMatchObject({
      arrearsRecoveredFen: -50000,
      arrearsAdjustedFen: 15000,
      billedFen: 14000,
      collectedFen: 0,
      openingArrearsFen: open.openingArrearsFen,
    });
    expect(after.rollForward.closingFen).toBe(open.rollForward.closingFen + 15000 - 15000 + 14000);
  });
});

function localToday() {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
}
