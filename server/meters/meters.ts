import 'server-only';
import { pageWindow } from '../shared/paging';
import { unitShortLabel } from '../shared/labels';
import type { Scope } from '../db/scope';
import type { z } from 'zod';
import type { Prisma } from '../db/generated/client';
import { AppError, notFound } from '../errors';
import { recordAudit } from '../tenancy/audit';
import { dateColumn, fromDateColumn } from '../shared/calendar';
import { uniqueOr } from '../property/errors';
import { consumptionThousandths, formatReading } from '../shared/tiers';
import { readingOf, ZArchive, ZListMeters, ZListReadings, ZMeterInput, ZRecordReading } from '../shared/schemas/billing';

// Meters belong to a unit and a metered fee item (one per pair). Readings are stored in
// thousandths of the meter's unit, one per meter and period, entered in period order; a reading
// below the previous one is refused unless it records a meter replacement.

export type ReplacementThousandths = { oldFinal: number; newStart: number };

/**
 * Checks a new reading against the meter's previous one (tiers.ts states the rule) and returns
 * the consumption it implies, or null for a meter's first reading (its baseline).
 */
export function checkReading(previous: number | null, reading: number, replacement?: ReplacementThousandths): number | null {
  if (replacement && reading < replacement.newStart) {
    throw new AppError('BAD_REQUEST', 'readingBelowNewStart', { current: formatReading(reading), start: formatReading(replacement.newStart) });
  }
  if (previous === null) return null;
  return consumptionThousandths(
    formatReading(previous),
    formatReading(reading),
    replacement ? { replacement: { oldFinal: formatReading(replacement.oldFinal), newStart: formatReading(replacement.newStart) } } : {},
  );
}

export async function createMeter({ db, tenantId, actorId }: Scope, data: z.output<typeof ZMeterInput>) {
  const unit = await db.unit.findUnique({ where: { tenantId_id: { tenantId, id: data.unitId } }, select: { archivedAt: true } });
  if (!unit) throw notFound('unit');
  if (unit.archivedAt) throw new AppError('PRECONDITION_FAILED', 'parentArchived', { what: 'unit' });
  const item = await db.feeItem.findUnique({ where: { tenantId_id: { tenantId, id: data.feeItemId } }, select: { calc: true, name: true } });
  if (!item) throw notFound('feeItem');
  if (item.calc !== 'METERED') throw new AppError('BAD_REQUEST', 'notMetered', { name: item.name });
  const meter = await uniqueOr(db.meter.create({ data: { tenantId, ...data } }), 'meterExists', { name: item.name });
  await recordAudit(db, { tenantId, actorId, action: 'meter.create', entity: 'Meter', entityId: meter.id, after: data });
  return { id: meter.id };
}

export async function archiveMeter({ db, tenantId, actorId }: Scope, { id, archived }: z.output<typeof ZArchive>) {
  const { count } = await db.meter.updateMany({ where: { tenantId, id }, data: { archivedAt: archived ? new Date() : null } });
  if (count !== 1) throw notFound('meter');
  await recordAudit(db, { tenantId, actorId, action: archived ? 'meter.archive' : 'meter.restore', entity: 'Meter', entityId: id });
}

export async function listMeters({ db, tenantId }: Scope, q: z.output<typeof ZListMeters>) {
  const where: Prisma.MeterWhereInput = {
    tenantId,
    ...(q.includeArchived ? {} : { archivedAt: null }),
    ...(q.unitId ? { unitId: q.unitId } : {}),
    ...(q.feeItemId ? { feeItemId: q.feeItemId } : {}),
    ...(q.communityId ? { unit: { communityId: q.communityId } } : {}),
  };
  const total = await db.meter.count({ where });
  const rows = await db.meter.findMany({
    where,
    include: {
      unit: { select: { id: true, entrance: true, number: true, building: { select: { name: true } } } },
      feeItem: { select: { id: true, name: true } },
      readings: { orderBy: { period: 'desc' }, take: 1 },
    },
    orderBy: [{ unit: { building: { name: 'asc' } } }, { unit: { number: 'asc' } }],
    ...pageWindow(q),
  });
  return {
    total,
    page: q.page,
    pageSize: q.pageSize,
    rows: rows.map((m) => ({
      id: m.id,
      serial: m.serial,
      unit: { id: m.unit.id, label: unitShortLabel({ building: m.unit.building.name, entrance: m.unit.entrance, number: m.unit.number }) },
      feeItem: m.feeItem,
      archived: !!m.archivedAt,
      lastReading: m.readings[0]
        ? { period: m.readings[0].period, reading: formatReading(Number(m.readings[0].reading)), readOn: fromDateColumn(m.readings[0].readOn) }
        : null,
    })),
  };
}

export async function listReadings({ db, tenantId }: Scope, { meterId }: z.output<typeof ZListReadings>) {
  const meter = await db.meter.findUnique({ where: { tenantId_id: { tenantId, id: meterId } }, select: { id: true } });
  if (!meter) throw notFound('meter');
  const rows = await db.meterReading.findMany({ where: { tenantId, meterId }, orderBy: { period: 'asc' } });
  return rows.map((r, i) => {
    const prev = i > 0 ? Number(rows[i - 1]!.reading) : null;
    const replacement = r.replacedOld !== null && r.replacedNew !== null ? { oldFinal: Number(r.replacedOld), newStart: Number(r.replacedNew) } : undefined;
    const used = prev === null ? null : checkReadingSafe(prev, Number(r.reading), replacement);
    return {
      id: r.id,
      period: r.period,
      reading: formatReading(Number(r.reading)),
      readOn: fromDateColumn(r.readOn),
      replacement: replacement ? { oldFinal: formatReading(replacement.oldFinal), newStart: formatReading(replacement.newStart) } : null,
      consumption: used === null ? null : formatReading(used),
      createdAt: r.createdAt,
    };
  });
}

function checkReadingSafe(prev: number, cur: number, rep?: ReplacementThousandths): number | null {
  try {
    return checkReading(prev, cur, rep);
  } catch {
    return null;
  }
}

export async function recordReading({ db, tenantId, actorId }: Scope, data: z.output<typeof ZRecordReading>) {
  const meter = await db.meter.findUnique({ where: { tenantId_id: { tenantId, id: data.meterId } }, select: { id: true, archivedAt: true } });
  if (!meter) throw notFound('meter');
  if (meter.archivedAt) throw new AppError('PRECONDITION_FAILED', 'parentArchived', { what: 'meter' });
  // Serialises readings of one meter, so two clerks cannot both pass the order check.
  await db.$queryRaw`select 1 from "Meter" where "tenantId" = ${tenantId} and "id" = ${meter.id} for update`;
  const latest = await db.meterReading.findFirst({ where: { tenantId, meterId: meter.id }, orderBy: { period: 'desc' } });
  if (latest && latest.period === data.period) throw new AppError('CONFLICT', 'readingExists', { period: data.period });
  if (latest && latest.period > data.period) {
    throw new AppError('BAD_REQUEST', 'readingOrder', { period: latest.period });
  }
  const reading = readingOf(data.reading);
  const replacement = data.replacement ? { oldFinal: readingOf(data.replacement.oldFinal), newStart: readingOf(data.replacement.newStart) } : undefined;
  const consumption = checkReading(latest ? Number(latest.reading) : null, reading, replacement);
  const row = await db.meterReading.create({
    data: {
      tenantId,
      meterId: meter.id,
      period: data.period,
      reading: BigInt(reading),
      replacedOld: replacement ? BigInt(replacement.oldFinal) : null,
      replacedNew: replacement ? BigInt(replacement.newStart) : null,
      readOn: dateColumn(data.readOn),
      enteredById: actorId,
    },
  });
  await recordAudit(db, {
    tenantId,
    actorId,
    action: 'meter.reading',
    entity: 'Meter',
    entityId: meter.id,
    after: {
      period: data.period,
      reading: formatReading(reading),
      readOn: data.readOn,
      replacement: replacement ? { oldFinal: formatReading(replacement.oldFinal), newStart: formatReading(replacement.newStart) } : null,
    },
  });
  return { id: row.id, consumption: consumption === null ? null : formatReading(consumption) };
}
