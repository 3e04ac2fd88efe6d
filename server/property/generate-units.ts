import 'server-only';
import type { z } from 'zod';
import type { Scope } from '../db/scope';
import { AppError, notFound } from '../errors';
import { recordAudit } from '../tenancy/audit';
import { unitNumberLabel } from '../shared/labels';
import { expandUnits, unitKey, type GeneratedUnit } from '../shared/unit-generator';
import type { ZGenerateUnits } from '../shared/schemas/property';

// A building's units in one step (#17): the input is expanded by the same pure function the
// form previews with; the preview shows every unit and which of them the building already has;
// the commit writes all of them with one statement, or none: a unit the building already has
// (archived ones too: they keep their number) refuses the whole generation.

type Input = z.output<typeof ZGenerateUnits>;

/** At most this many existing numbers are named in a preview or an error. */
const NAMED = 10;

async function building({ db, tenantId }: Scope, buildingId: string) {
  const b = await db.building.findUnique({
    where: { tenantId_id: { tenantId, id: buildingId } },
    select: { id: true, name: true, communityId: true, archivedAt: true, community: { select: { name: true, archivedAt: true } } },
  });
  if (!b) throw notFound('building');
  return b;
}

/** The generated units the building already has (same entrance and number). */
async function existing({ db, tenantId }: Scope, buildingId: string, units: GeneratedUnit[]): Promise<GeneratedUnit[]> {
  const have = await db.unit.findMany({
    where: { tenantId, buildingId, number: { in: [...new Set(units.map((u) => u.number))] } },
    select: { entrance: true, number: true },
  });
  const taken = new Set(have.map(unitKey));
  return units.filter((u) => taken.has(unitKey(u)));
}

/** What a generation would write: every unit (in order) and the ones the building already has. */
export async function previewGeneratedUnits(scope: Scope, input: Input) {
  const b = await building(scope, input.buildingId);
  const units = expandUnits(input);
  const clashes = await existing(scope, b.id, units);
  return {
    building: { id: b.id, name: b.name, community: b.community.name, archived: !!(b.archivedAt ?? b.community.archivedAt) },
    total: units.length,
    units: units.map((u) => ({ ...u, label: unitNumberLabel(u) })),
    existing: clashes.length,
    existingLabels: clashes.slice(0, NAMED).map(unitNumberLabel),
  };
}

/** Writes the generated units, all or nothing; audited as one entry with the parameters and the count. */
export async function generateUnits(scope: Scope, input: Input): Promise<{ created: number }> {
  const { db, tenantId, actorId } = scope;
  const b = await building(scope, input.buildingId);
  if (b.archivedAt) throw new AppError('PRECONDITION_FAILED', 'parentArchived', { what: 'building' });
  if (b.community.archivedAt) throw new AppError('PRECONDITION_FAILED', 'parentArchived', { what: 'community' });
  const units = expandUnits(input);
  const clashes = await existing(scope, b.id, units);
  if (clashes.length) throw generateExisting(clashes);

  // One statement for every unit. A unit added by someone else since the check above makes the
  // insert skip it: fewer rows than asked for, and the error rolls back the request's transaction.
  const rows = await db.$queryRaw<{ entrance: string; number: string }[]>`
    insert into "Unit" ("tenantId", "id", "communityId", "buildingId", "entrance", "number", "floor", "area", "status", "createdAt", "updatedAt")
    select ${tenantId}, gen_random_uuid()::text, ${b.communityId}, ${b.id}, e, n, f, a::numeric(10,2), ${input.status}::"UnitStatus", now(), now()
    from unnest(${units.map((u) => u.entrance)}::text[], ${units.map((u) => u.number)}::text[], ${units.map((u) => u.floor)}::int[],
                ${units.map((u) => u.area)}::text[]) as t(e, n, f, a)
    on conflict ("tenantId", "buildingId", "entrance", "number") do nothing
    returning "entrance", "number"`;
  const created = rows.length;
  if (created !== units.length) {
    const written = new Set(rows.map(unitKey));
    throw generateExisting(units.filter((u) => !written.has(unitKey(u))));
  }

  const { buildingId, ...params } = input;
  await recordAudit(db, { tenantId, actorId, action: 'unit.generate', entity: 'Building', entityId: buildingId, after: { ...params, created } });
  return { created };
}

function generateExisting(clashes: GeneratedUnit[]) {
  return new AppError('CONFLICT', 'generateExisting', { count: clashes.length, labels: clashes.slice(0, NAMED).map(unitNumberLabel).join('、') });
}
