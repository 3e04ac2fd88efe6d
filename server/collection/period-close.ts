import 'server-only';
import { pageWindow } from '../shared/paging';
import type { z } from 'zod';
import { today as localToday, type Scope } from '../db/scope';
import { Prisma } from '../db/generated/client';
import { AppError } from '../errors';
import { recordAudit } from '../tenancy/audit';
import { lockPeriodExclusive } from '../payments/ledger';
import { addDays, periodBounds, periodIsOver } from '../shared/calendar';
import { periodParts, publishFigures, type PublishedFigures } from './summary';
import { ZClosePeriod, ZPeriodCloses } from './schemas';
import { qualityLevels } from '../reports/quality';

// 关账: publishes the period's collection summary as of its last day (company, every community,
// every building), with the month's service-quality figures (#16), and freezes it:
// `collectionSummary` returns these figures from then on, even if a later reversal or
// correction touches the period's bills. Other services refuse new
// payments received in a closed period by looking for the PeriodClose row.

const conflict = () => new AppError('CONFLICT', 'periodAlreadyClosed');

export async function closePeriod(scope: Scope, { period }: z.output<typeof ZClosePeriod>) {
  const { db, tenantId, actorId, timeZone } = scope;
  const today = localToday(scope);
  if (!periodIsOver(period, today)) {
    throw new AppError('PRECONDITION_FAILED', 'periodNotOver', { period, from: addDays(periodBounds(period).last, 1) });
  }
  // Waits for payments, reversals and refunds in flight that count in the period; those that
  // start later see the close row and are refused or moved to the open period.
  await lockPeriodExclusive(db, tenantId, period);
  if (await db.periodClose.findUnique({ where: { tenantId_period: { tenantId, period } }, select: { id: true } })) throw conflict();

  const cutoff = periodBounds(period).last;
  const rows = await periodParts(db, { tenantId, period, cutoff, scope: {}, levels: ['buildings'] });
  // The month's service quality freezes with its rates (DOMAIN.md "Service quality").
  const quality = (
    await qualityLevels(db, {
      tenantId,
      timeZone,
      scope: {},
      buckets: [{ key: period, firstMonth: period, lastMonth: period }],
      perCommunity: true,
      perBuilding: true,
    })
  ).get(period)!;
  const figures = publishFigures(period, cutoff, rows, {
    company: quality.scope,
    communities: Object.fromEntries(quality.communities),
    buildings: Object.fromEntries(quality.buildings),
  });
  let close;
  try {
    close = await db.periodClose.create({
      data: { tenantId, period, figures: figures as unknown as Prisma.InputJsonValue, closedById: actorId },
    });
  } catch (e) {
    // Two admins closing at once: the unique (tenant, period) key lets one through.
    if (e instanceof Prisma.PrismaClientKnownRequestError && e.code === 'P2002') throw conflict();
    throw e;
  }
  const c = figures.company;
  await recordAudit(db, {
    tenantId,
    actorId,
    action: 'period.close',
    entity: 'PeriodClose',
    entityId: close.id,
    after: {
      period,
      cutoff,
      billedFen: c.billedFen,
      collectedFen: c.collectedFen,
      openingArrearsFen: c.openingArrearsFen,
      arrearsRecoveredFen: c.arrearsRecoveredFen,
      communities: Object.keys(figures.communities).length,
      buildings: Object.keys(figures.buildings).length,
    },
  });
  return { id: close.id, period, closedAt: close.closedAt, cutoff, figures: c };
}

/**
 * What closing `period` would freeze, for the confirmation (#17 point 9): its bills and the money
 * counted in it, the communities and buildings whose figures are published; whether it can be
 * closed yet (a period closes once its last day has passed: `closableFrom`), and the days with
 * money counted in it that are not day-closed (日结) yet.
 */
export async function getPeriodClosePreview(scope: Scope, { period }: z.output<typeof ZClosePeriod>) {
  const { db, tenantId } = scope;
  const today = localToday(scope);
  const { first, last } = periodBounds(period);
  const closed = await db.periodClose.findUnique({ where: { tenantId_period: { tenantId, period } }, select: { closedAt: true } });
  const [f] = await db.$queryRaw<
    { bills: number; billed: bigint; communities: number; buildings: number; payments: number; collected: bigint; openDays: number }[]
  >`
    with b as (
      select b."amountFen", u."communityId", u."buildingId", ps."communityId" as "spaceCommunityId"
      from "Bill" b
      left join "Unit" u on u."tenantId" = b."tenantId" and u."id" = b."unitId"
      left join "ParkingSpace" ps on ps."tenantId" = b."tenantId" and ps."id" = b."parkingSpaceId"
      where b."tenantId" = ${tenantId} and b."period" = ${period} and b."voidedAt" is null
    ), p as (
      select "amountFen", "countedOn" from "Payment"
      where "tenantId" = ${tenantId} and "kind" = 'PAYMENT' and "countedOn" between ${first}::date and ${last}::date
    )
    select (select count(*)::int from b) as bills,
           (select coalesce(sum("amountFen"), 0)::bigint from b) as billed,
           (select count(distinct coalesce("communityId", "spaceCommunityId"))::int from b) as communities,
           (select count(distinct "buildingId")::int from b) as buildings,
           (select count(*)::int from p) as payments,
           (select coalesce(sum("amountFen"), 0)::bigint from p) as collected,
           (select count(distinct "countedOn")::int from p
             where not exists (select 1 from "DayClose" dc where dc."tenantId" = ${tenantId} and dc."day" = p."countedOn" and dc."reopenedAt" is null)) as "openDays"`;
  return {
    period,
    closedAt: closed?.closedAt ?? null,
    /** false while the period's last day has not passed (the current or a future period) */
    over: periodIsOver(period, today),
    current: today.slice(0, 7) === period,
    lastDay: last,
    closableFrom: addDays(last, 1),
    bills: f!.bills,
    billedFen: Number(f!.billed),
    communities: f!.communities,
    buildings: f!.buildings,
    payments: f!.payments,
    collectedFen: Number(f!.collected),
    /** days with money counted in the period that are not day-closed */
    openDays: f!.openDays,
  };
}

export async function listPeriodCloses({ db, tenantId }: Scope, q: z.output<typeof ZPeriodCloses>) {
  const where = { tenantId };
  const total = await db.periodClose.count({ where });
  const rows = await db.periodClose.findMany({
    where,
    orderBy: { period: 'desc' },
    ...pageWindow(q),
  });
  const userIds = [...new Set(rows.map((r) => r.closedById))];
  const users = userIds.length ? await db.user.findMany({ where: { id: { in: userIds } }, select: { id: true, name: true } }) : [];
  const byId = new Map(users.map((u) => [u.id, u]));
  return {
    total,
    page: q.page,
    pageSize: q.pageSize,
    rows: rows.map((r) => {
      const f = r.figures as unknown as PublishedFigures;
      return {
        id: r.id,
        period: r.period,
        closedAt: r.closedAt,
        closedBy: byId.get(r.closedById) ?? { id: r.closedById, name: '?' },
        cutoff: f.cutoff,
        billedFen: f.company.billedFen,
        collectedFen: f.company.collectedFen,
        outstandingFen: f.company.outstandingFen,
        rates: f.company.rates,
      };
    }),
  };
}
