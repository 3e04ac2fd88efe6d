import 'server-only';
import type { Scope } from '../db/scope';
import type { z } from 'zod';
import type { TenantDb } from '../db/tenant';
import type { Prisma } from '../db/generated/client';
import { AppError, notFound } from '../errors';
import { recordAudit } from '../tenancy/audit';
import { localPeriod } from '../shared/calendar';
import { uniqueOr } from '../property/errors';
import { formatPriceUnits } from '../shared/money';
import { feeItemHead, priceForPeriod, showPrice } from '../billing/common';
import { priceUnitsOf, toTiers, ZArchive, ZById, ZFeeItemInput, ZFeeItemUpdate, ZListFeeItems, ZSetPrice } from '../shared/schemas/billing';

type Calc = z.output<typeof ZFeeItemInput>['calc'];
type ObjectKind = z.output<typeof ZFeeItemInput>['objectKind'];

/** Which calculations fit which billable objects: parking spaces have no area and no meters. */
function checkKinds(calc: Calc, objectKind: ObjectKind) {
  if (objectKind === 'PARKING' && (calc === 'PER_AREA' || calc === 'METERED')) {
    throw new AppError('BAD_REQUEST', 'feeItemUnitsOnly', { calc });
  }
}

/** Communities must exist in this company (and be active); buildings must lie in them. */
async function checkScope(db: TenantDb, tenantId: string, communityIds: string[], buildingIds: string[], objectKind: ObjectKind) {
  if (communityIds.length === 0) throw new AppError('BAD_REQUEST', 'scopeNeeded');
  const communities = await db.community.findMany({ where: { tenantId, id: { in: communityIds } }, select: { id: true, name: true, archivedAt: true } });
  if (communities.length !== communityIds.length) throw notFound('community');
  const archived = communities.find((c) => c.archivedAt);
  if (archived) throw new AppError('BAD_REQUEST', 'communityArchivedNamed', { name: archived.name });
  if (buildingIds.length === 0) return;
  if (objectKind === 'PARKING') throw new AppError('BAD_REQUEST', 'buildingScopeUnitsOnly');
  const buildings = await db.building.findMany({ where: { tenantId, id: { in: buildingIds } }, select: { id: true, name: true, communityId: true } });
  if (buildings.length !== buildingIds.length) throw notFound('building');
  const outside = buildings.find((b) => !communityIds.includes(b.communityId));
  if (outside) throw new AppError('BAD_REQUEST', 'buildingOutsideScope', { name: outside.name });
}

function priceData(calc: Calc, p: { price?: string | undefined; tiers?: { upTo: string | null; price: string }[] | undefined }) {
  if (p.tiers) {
    if (calc !== 'METERED') throw new AppError('BAD_REQUEST', 'tiersMeteredOnly');
    const tiers = toTiers(p.tiers);
    return { priceUnits: tiers[0]!.priceUnits, tiers: tiers as Prisma.InputJsonValue };
  }
  const units = priceUnitsOf(p.price ?? '');
  if (units <= 0) throw new AppError('BAD_REQUEST', 'pricePositive');
  return { priceUnits: units };
}

/** A price may not start in (or before) a closed period: that period's bills are frozen. */
async function assertPriceNotInClosedPeriod(db: TenantDb, tenantId: string, effectiveFrom: string) {
  const closed = await db.periodClose.findFirst({ where: { tenantId, period: { gte: effectiveFrom } }, orderBy: { period: 'desc' }, select: { period: true } });
  if (closed) {
    throw new AppError('PRECONDITION_FAILED', 'priceFromClosedPeriod', { period: closed.period });
  }
}

const lateFeeColumns = (lf: { dailyBp: number; graceDays: number; capPercent: number | null } | null) =>
  lf
    ? { lateFeeDailyBp: lf.dailyBp, lateFeeGraceDays: lf.graceDays, lateFeeCapPercent: lf.capPercent }
    : { lateFeeDailyBp: null, lateFeeGraceDays: 0, lateFeeCapPercent: null };

type FeeItemRow = Prisma.FeeItemGetPayload<{ include: { prices: true } }>;

function showFeeItem(f: FeeItemRow, period: string) {
  const current = priceForPeriod(f.prices, period);
  return {
    ...feeItemHead(f),
    dueDay: f.dueDay,
    communityIds: f.communityIds,
    buildingIds: f.buildingIds,
    statusFactors: f.statusFactors as Record<string, string>,
    lateFee: f.lateFeeDailyBp === null ? null : { dailyBp: f.lateFeeDailyBp, graceDays: f.lateFeeGraceDays, capPercent: f.lateFeeCapPercent },
    countsInRate: f.countsInRate,
    archived: !!f.archivedAt,
    currentPrice: current ? showPrice(current) : null,
    nextPrice: (() => {
      const later = f.prices.filter((p) => p.effectiveFrom > period).sort((a, b) => (a.effectiveFrom < b.effectiveFrom ? -1 : 1))[0];
      return later ? showPrice(later) : null;
    })(),
    createdAt: f.createdAt,
  };
}

export async function createFeeItem({ db, tenantId, actorId }: Scope, data: z.output<typeof ZFeeItemInput>) {
  checkKinds(data.calc, data.objectKind);
  await checkScope(db, tenantId, data.communityIds, data.buildingIds, data.objectKind);
  const price = data.initialPrice ? priceData(data.calc, data.initialPrice) : null;
  if (data.initialPrice) await assertPriceNotInClosedPeriod(db, tenantId, data.initialPrice.effectiveFrom);
  const item = await uniqueOr(
    db.feeItem.create({
      data: {
        tenantId,
        name: data.name,
        calc: data.calc,
        cycle: data.cycle,
        objectKind: data.objectKind,
        dueDay: data.dueDay,
        communityIds: data.communityIds,
        buildingIds: data.buildingIds,
        statusFactors: data.statusFactors,
        ...lateFeeColumns(data.lateFee),
        // DOMAIN.md "Which bills": recurring items count in the payment rate, one-off charges not
        countsInRate: data.countsInRate ?? data.calc !== 'ONE_OFF',
      },
    }),
    'feeItemExists',
    { name: data.name },
    'name',
  );
  if (price && data.initialPrice) {
    await db.feeItemPrice.create({ data: { tenantId, feeItemId: item.id, effectiveFrom: data.initialPrice.effectiveFrom, createdById: actorId, ...price } });
  }
  await recordAudit(db, {
    tenantId,
    actorId,
    action: 'feeItem.create',
    entity: 'FeeItem',
    entityId: item.id,
    after: { ...data, initialPrice: data.initialPrice ? { ...data.initialPrice, price: price?.priceUnits } : null },
  });
  return { id: item.id };
}

export async function updateFeeItem({ db, tenantId, actorId }: Scope, { id, lateFee, ...rest }: z.output<typeof ZFeeItemUpdate>) {
  const before = await db.feeItem.findUnique({ where: { tenantId_id: { tenantId, id } } });
  if (!before) throw notFound('feeItem');
  const communityIds = rest.communityIds ?? before.communityIds;
  const buildingIds = rest.buildingIds ?? before.buildingIds;
  if (rest.communityIds || rest.buildingIds) await checkScope(db, tenantId, communityIds, buildingIds, before.objectKind);
  const changes: Prisma.FeeItemUpdateManyMutationInput = {
    ...(rest.name !== undefined ? { name: rest.name } : {}),
    ...(rest.dueDay !== undefined ? { dueDay: rest.dueDay } : {}),
    ...(rest.communityIds !== undefined ? { communityIds: rest.communityIds } : {}),
    ...(rest.buildingIds !== undefined ? { buildingIds: rest.buildingIds } : {}),
    ...(rest.statusFactors !== undefined ? { statusFactors: rest.statusFactors } : {}),
    ...(lateFee !== undefined ? lateFeeColumns(lateFee) : {}),
    ...(rest.countsInRate !== undefined ? { countsInRate: rest.countsInRate } : {}),
  };
  await uniqueOr(db.feeItem.updateMany({ where: { tenantId, id }, data: changes }), 'feeItemNameTaken', undefined, 'name');
  await recordAudit(db, {
    tenantId,
    actorId,
    action: 'feeItem.update',
    entity: 'FeeItem',
    entityId: id,
    before: {
      name: before.name,
      dueDay: before.dueDay,
      communityIds: before.communityIds,
      buildingIds: before.buildingIds,
      statusFactors: before.statusFactors,
      lateFee: { dailyBp: before.lateFeeDailyBp, graceDays: before.lateFeeGraceDays, capPercent: before.lateFeeCapPercent },
      countsInRate: before.countsInRate,
    },
    after: changes,
  });
}

export async function archiveFeeItem({ db, tenantId, actorId }: Scope, { id, archived }: z.output<typeof ZArchive>) {
  const { count } = await db.feeItem.updateMany({ where: { tenantId, id }, data: { archivedAt: archived ? new Date() : null } });
  if (count !== 1) throw notFound('feeItem');
  await recordAudit(db, { tenantId, actorId, action: archived ? 'feeItem.archive' : 'feeItem.restore', entity: 'FeeItem', entityId: id });
}

export async function listFeeItems({ db, tenantId, timeZone }: Scope, q: z.output<typeof ZListFeeItems>) {
  const period = localPeriod(timeZone);
  const rows = await db.feeItem.findMany({
    where: {
      tenantId,
      ...(q.includeArchived ? {} : { archivedAt: null }),
      ...(q.calc ? { calc: q.calc } : {}),
      ...(q.q ? { name: { contains: q.q, mode: 'insensitive' as const } } : {}),
    },
    include: { prices: true },
    orderBy: { name: 'asc' },
  });
  return rows.map((f) => showFeeItem(f, period));
}

export async function getFeeItem({ db, tenantId, timeZone }: Scope, { id }: z.output<typeof ZById>) {
  const f = await db.feeItem.findUnique({ where: { tenantId_id: { tenantId, id } }, include: { prices: { orderBy: { effectiveFrom: 'asc' } } } });
  if (!f) throw notFound('feeItem');
  const period = localPeriod(timeZone);
  const meters = await db.meter.count({ where: { tenantId, feeItemId: id, archivedAt: null } });
  return { ...showFeeItem(f, period), prices: f.prices.map(showPrice), meters };
}

/** Adds a price from a period on. Prices are never edited: earlier bills keep the price they had. */
export async function setPrice({ db, tenantId, actorId }: Scope, data: z.output<typeof ZSetPrice>) {
  const item = await db.feeItem.findUnique({ where: { tenantId_id: { tenantId, id: data.feeItemId } } });
  if (!item) throw notFound('feeItem');
  const price = priceData(item.calc, data);
  await assertPriceNotInClosedPeriod(db, tenantId, data.effectiveFrom);
  const row = await uniqueOr(
    db.feeItemPrice.create({ data: { tenantId, feeItemId: item.id, effectiveFrom: data.effectiveFrom, createdById: actorId, ...price } }),
    'priceExists',
    { name: item.name, from: data.effectiveFrom },
    'effectiveFrom',
  );
  await recordAudit(db, {
    tenantId,
    actorId,
    action: 'feeItem.setPrice',
    entity: 'FeeItem',
    entityId: item.id,
    after: { effectiveFrom: data.effectiveFrom, price: formatPriceUnits(price.priceUnits), tiers: data.tiers ?? null },
  });
  return { id: row.id };
}

export async function priceHistory({ db, tenantId }: Scope, input: { feeItemId: string }) {
  const item = await db.feeItem.findUnique({
    where: { tenantId_id: { tenantId, id: input.feeItemId } },
    include: { prices: { orderBy: { effectiveFrom: 'asc' } } },
  });
  if (!item) throw notFound('feeItem');
  const users = await db.user.findMany({ where: { id: { in: [...new Set(item.prices.map((p) => p.createdById))] } }, select: { id: true, name: true } });
  const who = new Map(users.map((u) => [u.id, u.name]));
  return item.prices.map((p, i) => ({
    ...showPrice(p),
    effectiveTo: item.prices[i + 1]?.effectiveFrom ?? null, // the next price's first period (exclusive)
    createdBy: who.get(p.createdById) ?? null,
  }));
}
