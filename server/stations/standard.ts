import 'server-only';
import type { z } from 'zod';
import { Prisma } from '../db/generated/client';
import type { Scope } from '../db/scope';
import type { TenantDb } from '../db/tenant';
import { today } from '../db/scope';
import { recordAudit } from '../tenancy/audit';
import { dateColumn } from '../shared/calendar';
import type { StationElement, ZSetStationStandard, ZSetStationTarget } from '../shared/schemas/stations';

// The station standard a company's stations are measured against (the platform's city template,
// StationStandard 'city', unless the company keeps its own elements in StationSettings) and the
// yearly targets of new stations.

export const CITY_STANDARD_ID = 'city';

/** A stored elements list (JSON) as elements; anything malformed is skipped. */
export function elementsOf(json: unknown): StationElement[] {
  if (!Array.isArray(json)) return [];
  return json.flatMap((e) =>
    e && typeof e === 'object' && typeof (e as StationElement).key === 'string' && typeof (e as StationElement).name === 'string'
      ? [{ key: (e as StationElement).key, name: (e as StationElement).name, description: String((e as StationElement).description ?? '') }]
      : [],
  );
}

export async function cityStandard(db: TenantDb) {
  const s = await db.stationStandard.findUnique({ where: { id: CITY_STANDARD_ID } });
  return { name: s?.name ?? '', elements: elementsOf(s?.elements), updatedAt: s?.updatedAt ?? null };
}

export interface EffectiveStandard {
  source: 'city' | 'own';
  name: string;
  elements: StationElement[];
}

export async function effectiveStandard({ db, tenantId }: Pick<Scope, 'db' | 'tenantId'>): Promise<EffectiveStandard> {
  const settings = await db.stationSettings.findUnique({ where: { tenantId }, select: { ownElements: true } });
  if (settings && settings.ownElements !== null) return { source: 'own', name: '', elements: elementsOf(settings.ownElements) };
  const city = await cityStandard(db);
  return { source: 'city', name: city.name, elements: city.elements };
}

/** Which elements of the standard a station offers and which it misses; share 0–1 (null: no elements). */
export function compliance(elements: readonly StationElement[], offeredKeys: readonly string[]) {
  const have = new Set(offeredKeys);
  const offered = elements.filter((e) => have.has(e.key)).map((e) => e.key);
  const missing = elements.filter((e) => !have.has(e.key)).map((e) => e.key);
  return { offered, missing, share: elements.length ? offered.length / elements.length : null };
}

export function targetsOf(json: unknown): Record<string, number> {
  if (!json || typeof json !== 'object' || Array.isArray(json)) return {};
  return Object.fromEntries(
    Object.entries(json as Record<string, unknown>).filter((e): e is [string, number] => /^\d{4}$/.test(e[0]) && Number.isInteger(e[1])),
  );
}

/**
 * The standard, the targets and this year's progress: stations (not archived) opened this
 * calendar year in the company's time zone, against the year's target (null when none is set).
 */
export async function getStationOverview(scope: Scope) {
  const { db, tenantId } = scope;
  const standard = await effectiveStandard(scope);
  const settings = await db.stationSettings.findUnique({ where: { tenantId }, select: { targets: true } });
  const targets = targetsOf(settings?.targets);
  const year = Number(today(scope).slice(0, 4));
  const opened = await db.serviceStation.count({
    where: { tenantId, archivedAt: null, openedOn: { gte: dateColumn(`${year}-01-01`), lte: dateColumn(`${year}-12-31`) } },
  });
  return { standard, targets, progress: { year, target: targets[String(year)] ?? null, opened } };
}

export async function setStationStandard({ db, tenantId, actorId }: Scope, input: z.output<typeof ZSetStationStandard>) {
  const ownElements = input.ownElements === null ? Prisma.DbNull : (input.ownElements as Prisma.InputJsonValue);
  const before = await db.stationSettings.findUnique({ where: { tenantId }, select: { ownElements: true } });
  await db.stationSettings.upsert({
    where: { tenantId },
    create: { tenantId, ownElements },
    update: { ownElements },
  });
  await recordAudit(db, {
    tenantId,
    actorId,
    action: 'stationStandard.set',
    entity: 'StationSettings',
    entityId: tenantId,
    before: { ownElements: before?.ownElements ?? null },
    after: { ownElements: input.ownElements },
  });
  return effectiveStandard({ db, tenantId });
}

export async function setStationTarget({ db, tenantId, actorId }: Scope, input: z.output<typeof ZSetStationTarget>) {
  const row = await db.stationSettings.upsert({ where: { tenantId }, create: { tenantId }, update: {}, select: { targets: true } });
  const before = targetsOf(row.targets);
  const targets = { ...before, [String(input.year)]: input.target };
  await db.stationSettings.updateMany({ where: { tenantId }, data: { targets } });
  await recordAudit(db, { tenantId, actorId, action: 'stationTarget.set', entity: 'StationSettings', entityId: tenantId, before, after: targets });
  return { targets };
}
