import type { PrismaClient } from '../server/db/generated/client';
import { withScope } from '../server/db/scope';
import { ZFeeItemInput, ZParkingSpaceInput, ZRunInput } from '../server/shared/schemas/billing';
import { ZRecordPayment } from '../server/shared/schemas/payments';
import { withTenant } from '../server/db/tenant';
import { createFeeItem } from '../server/fee-items/fee-items';
import { createParkingSpace } from '../server/parking/parking-spaces';
import { commitRun } from '../server/billing/billing-run/commit';
import { addMonths } from '../server/shared/calendar';
import { recordPayment } from '../server/payments/record-payment';
import { closeDay } from '../server/payments/day-close';
import { closePeriod } from '../server/collection/period-close';
import { localDate } from '../server/shared/calendar';

// The demo company's fees: a property fee per m² (vacant units at 70%), parking at ¥150 a
// month, three months billed and mostly paid — some late, some not at all — so the cashier
// desk, arrears and the collection rates have something real to show. The two older months
// are closed (日结 for their days, then 关账).

const TZ = 'Asia/Shanghai';
const OFFLINE = ['CASH', 'WECHAT', 'ALIPAY', 'BANK_TRANSFER', 'POS'] as const;

function rng(seed: number) {
  let s = seed >>> 0;
  return () => (s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32;
}

/** `onlyCommunities`: the communities these fees are for (default all; the demo's hand-made two beside its generated ones). */
export async function seedDemoFees(prisma: PrismaClient, tenantId: string, adminId: string, cashierId: string, now = new Date(), onlyCommunities?: string[]) {
  const today = localDate(TZ, now);
  const current = today.slice(0, 7);
  const periods = [addMonths(current, -2), addMonths(current, -1), current];
  const rand = rng(7);

  const { communities, units } = await withTenant(prisma, tenantId, async (db) => ({
    communities: await db.community.findMany({
      where: { tenantId, ...(onlyCommunities ? { id: { in: onlyCommunities } } : {}) },
      select: { id: true, name: true },
      orderBy: { name: 'asc' },
    }),
    units: await db.unit.findMany({
      where: { tenantId, ...(onlyCommunities ? { communityId: { in: onlyCommunities } } : {}) },
      select: { id: true, communityId: true },
      orderBy: [{ buildingId: 'asc' }, { number: 'asc' }],
    }),
  }));
  const communityIds = communities.map((c) => c.id);
  const cuizhu = communities.find((c) => c.name === '翠竹园')!;

  const feeItems: string[] = [];
  await withScope(prisma, tenantId, adminId, async (scope) => {
    const { db } = scope;
    const property = await createFeeItem(
      scope,
      ZFeeItemInput.parse({
        name: '物业服务费',
        calc: 'PER_AREA',
        dueDay: 15,
        communityIds,
        statusFactors: { OCCUPIED: '1', VACANT: '0.7', RENOVATION: '1' },
        lateFee: { dailyBp: 5, graceDays: 15, capPercent: 20 },
        initialPrice: { effectiveFrom: periods[0]!, price: '2.1000' },
      }),
    );
    const parking = await createFeeItem(
      scope,
      ZFeeItemInput.parse({
        name: '车位管理费',
        calc: 'FIXED',
        objectKind: 'PARKING',
        dueDay: 15,
        communityIds: [cuizhu.id],
        initialPrice: { effectiveFrom: periods[0]!, price: '150' },
      }),
    );
    feeItems.push(property.id, parking.id);
    const cuizhuUnits = units.filter((u) => u.communityId === cuizhu.id);
    for (let i = 0; i < 20; i++) {
      await createParkingSpace(
        scope,
        ZParkingSpaceInput.parse({ communityId: cuizhu.id, number: `B1-${String(i + 1).padStart(3, '0')}`, unitId: cuizhuUnits[i * 3]!.id }),
      );
    }
    for (let i = 20; i < 25; i++) {
      await createParkingSpace(
        scope,
        ZParkingSpaceInput.parse({
          communityId: cuizhu.id,
          number: `B1-${String(i + 1).padStart(3, '0')}`,
          renterName: `租车位客户${i - 19}`,
          renterPhone: `1860000000${i - 20}`,
        }),
      );
    }
    for (const period of periods) {
      const run = await commitRun(scope, ZRunInput.parse({ period, communityIds, feeItemIds: feeItems }));
      // The demo is history seeded today: date each month's bills at its first day, as if
      // the run had happened then (the rates count bills created by their cut-off date).
      await db.$executeRaw`update "Bill" set "createdAt" = (${period} || '-01 09:00:00+08')::timestamptz
                           where "tenantId" = ${tenantId} and "runId" = ${run.runId}`;
    }
  });

  // Payments: most households pay in the month billed; some a month late; about one in ten never.
  const payers = await withTenant(prisma, tenantId, (db) =>
    db.bill.groupBy({ by: ['payerKind', 'payerId'], where: { tenantId, voidedAt: null, feeItemId: { in: feeItems } }, orderBy: { payerId: 'asc' } }),
  );
  const habit = new Map(payers.map((p) => [p.payerId, rand()]));
  for (const [pi, period] of periods.entries()) {
    for (const p of payers) {
      const h = habit.get(p.payerId)!;
      if (h < 0.1) continue; // never pays
      const late = h < 0.25; // pays the month after
      const payPeriod = late ? periods[pi + 1] : period;
      if (!payPeriod) continue;
      const day = String(5 + Math.floor(rand() * 20)).padStart(2, '0');
      const receivedOn = `${payPeriod}-${day}` > today ? today : `${payPeriod}-${day}`;
      if (receivedOn > today) continue;
      const open = await withTenant(prisma, tenantId, (db) =>
        db.bill.aggregate({
          where: { tenantId, payerKind: p.payerKind, payerId: p.payerId, period, voidedAt: null, feeItemId: { in: feeItems } },
          _sum: { amountFen: true, paidFen: true, adjustedFen: true },
        }),
      );
      const due = (open._sum.amountFen ?? 0) - (open._sum.paidFen ?? 0) - (open._sum.adjustedFen ?? 0);
      if (due <= 0) continue;
      await withScope(
        prisma,
        tenantId,
        cashierId,
        async (scope) => {
          const { db } = scope;
          const paid = await recordPayment(
            scope,
            ZRecordPayment.parse({
              payer: { kind: p.payerKind, id: p.payerId },
              method: OFFLINE[Math.floor(rand() * OFFLINE.length)]!,
              amountFen: due,
              receivedOn,
            }),
          );
          // Entered on the day it was received (the rates count payments entered by the cut-off),
          // at 10:00 — or now, when today's is seeded earlier in the day (never in the future).
          await db.$executeRaw`update "Payment" set "enteredAt" = least((${receivedOn} || ' 10:00:00+08')::timestamptz, ${now})
                             where "tenantId" = ${tenantId} and "id" = ${paid.id}`;
        },
        now,
      );
    }
  }

  // Close the older months: every business day with payments, then the period.
  for (const period of periods.slice(0, 2)) {
    const days = await withTenant(prisma, tenantId, (db) =>
      db.payment.findMany({
        where: { tenantId, countedOn: { gte: new Date(`${period}-01`), lt: new Date(`${addMonths(period, 1)}-01`) } },
        distinct: ['countedOn'],
        select: { countedOn: true },
      }),
    );
    for (const d of days) {
      await withScope(prisma, tenantId, cashierId, (scope) => closeDay(scope, { day: d.countedOn.toISOString().slice(0, 10) }), now);
    }
    await withScope(prisma, tenantId, adminId, (scope) => closePeriod(scope, { period }), now);
  }
}
