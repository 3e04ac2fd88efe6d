import 'server-only';
import type { z } from 'zod';
import type { Prisma, ServiceStation } from '../db/generated/client';
import type { Scope } from '../db/scope';
import type { TenantDb } from '../db/tenant';
import { AppError, notFound } from '../errors';
import { recordAudit } from '../tenancy/audit';
import { uniqueOr } from '../property/errors';
import { dateColumn, fromDateColumn } from '../shared/calendar';
import { nextChange, type HoursException, type WeeklyHours } from '../shared/opening-hours';
import type { ZArchiveStation, ZCreateStation, ZListStations, ZUpdateStation } from '../shared/schemas/stations';
import { myCommunityIds } from '../services/offered';
import { compliance, effectiveStandard } from './standard';

// 睦宁里 service stations: where they are, whom they serve, when they are open (in the company's
// time zone, server/shared/opening-hours.ts), what they offer, who is on duty, and how they
// measure up to the station standard.

type StationTerms = z.output<typeof ZCreateStation>;

const columns = (t: StationTerms) => ({
  name: t.name,
  communityIds: t.communityIds,
  place: t.place,
  weeklyHours: t.weeklyHours as Prisma.InputJsonValue,
  exceptions: t.exceptions as unknown as Prisma.InputJsonValue,
  itemIds: t.itemIds,
  staffIds: t.staffIds,
  elementKeys: t.elementKeys,
  openedOn: t.openedOn ? dateColumn(t.openedOn) : null,
});

/** Everything referenced must be this company's: communities, items, staff (active STAFF), standard elements. */
async function checkTerms(scope: Scope, t: StationTerms) {
  const { db, tenantId } = scope;
  const n = await db.community.count({ where: { tenantId, id: { in: t.communityIds } } });
  if (n !== t.communityIds.length) throw notFound('community');
  if (t.itemIds.length && (await db.serviceItem.count({ where: { tenantId, id: { in: t.itemIds } } })) !== t.itemIds.length) throw notFound('serviceItem');
  if (t.staffIds.length) {
    const staff = await db.membership.count({ where: { tenantId, id: { in: t.staffIds }, role: 'STAFF', status: 'ACTIVE' } });
    if (staff !== t.staffIds.length) throw new AppError('BAD_REQUEST', 'stationStaffInvalid');
  }
  if (t.elementKeys.length) {
    const known = new Set((await effectiveStandard(scope)).elements.map((e) => e.key));
    const unknown = t.elementKeys.find((k) => !known.has(k));
    if (unknown) throw new AppError('BAD_REQUEST', 'stationElementUnknown', { key: unknown });
  }
}

const hoursOf = (s: Pick<ServiceStation, 'weeklyHours' | 'exceptions'>) => ({
  weeklyHours: (s.weeklyHours ?? {}) as WeeklyHours,
  exceptions: (Array.isArray(s.exceptions) ? s.exceptions : []) as unknown as HoursException[],
});

/** Names of the items and staff the stations reference (one query each). */
async function namesFor(db: TenantDb, tenantId: string, stations: ServiceStation[], withStaff: boolean) {
  const itemIds = [...new Set(stations.flatMap((s) => s.itemIds))];
  const staffIds = withStaff ? [...new Set(stations.flatMap((s) => s.staffIds))] : [];
  const items = itemIds.length
    ? await db.serviceItem.findMany({
        where: { tenantId, id: { in: itemIds } },
        select: { id: true, name: true, archivedAt: true, category: { select: { name: true } } },
      })
    : [];
  const staff = staffIds.length
    ? await db.membership.findMany({ where: { tenantId, id: { in: staffIds } }, select: { id: true, user: { select: { name: true } } } })
    : [];
  return {
    items: new Map(items.map((i) => [i.id, { id: i.id, name: i.name, category: i.category.name, archived: i.archivedAt !== null }])),
    staff: new Map(staff.map((m) => [m.id, { id: m.id, name: m.user.name ?? '' }])),
  };
}

async function showStations(scope: Scope, rows: ServiceStation[], opts: { withStaff: boolean }) {
  const { db, tenantId } = scope;
  const now = scope.now ?? new Date();
  const standard = await effectiveStandard(scope);
  const names = await namesFor(db, tenantId, rows, opts.withStaff);
  return rows.map((s) => {
    const { weeklyHours, exceptions } = hoursOf(s);
    const state = nextChange(weeklyHours, exceptions, now, scope.timeZone);
    return {
      id: s.id,
      name: s.name,
      communityIds: s.communityIds,
      place: s.place,
      weeklyHours,
      exceptions,
      openNow: state.open,
      /** open: when it closes; closed: when it opens next (null: not within the look-ahead) */
      changesAt: state.at,
      itemIds: s.itemIds,
      items: s.itemIds.flatMap((id) => {
        const i = names.items.get(id);
        return i && !i.archived ? [i] : [];
      }),
      staffIds: opts.withStaff ? s.staffIds : [],
      staff: opts.withStaff ? s.staffIds.flatMap((id) => names.staff.get(id) ?? []) : [],
      elementKeys: s.elementKeys,
      compliance: compliance(standard.elements, s.elementKeys),
      openedOn: s.openedOn ? fromDateColumn(s.openedOn) : null,
      archived: s.archivedAt !== null,
    };
  });
}

export async function listStations(scope: Scope, input: z.output<typeof ZListStations>) {
  const rows = await scope.db.serviceStation.findMany({
    where: {
      tenantId: scope.tenantId,
      ...(input.communityId ? { communityIds: { has: input.communityId } } : {}),
      ...(input.includeArchived ? {} : { archivedAt: null }),
    },
    orderBy: { name: 'asc' },
  });
  return showStations(scope, rows, { withStaff: true });
}

/** A resident: the active stations serving their units' communities (no staff names). */
export async function listMyStations(scope: Scope) {
  const communityIds = await myCommunityIds(scope);
  if (communityIds.length === 0) return [];
  const rows = await scope.db.serviceStation.findMany({
    where: { tenantId: scope.tenantId, archivedAt: null, communityIds: { hasSome: communityIds } },
    orderBy: { name: 'asc' },
  });
  return showStations(scope, rows, { withStaff: false });
}

export async function getStation(scope: Scope, input: { id: string }) {
  const s = await scope.db.serviceStation.findUnique({ where: { tenantId_id: { tenantId: scope.tenantId, id: input.id } } });
  if (!s) throw notFound('station');
  return (await showStations(scope, [s], { withStaff: true }))[0]!;
}

export async function createStation(scope: Scope, input: StationTerms) {
  const { db, tenantId, actorId } = scope;
  await checkTerms(scope, input);
  const s = await uniqueOr(db.serviceStation.create({ data: { tenantId, ...columns(input) } }), 'stationExists', { name: input.name }, 'name');
  await recordAudit(db, { tenantId, actorId, action: 'station.create', entity: 'ServiceStation', entityId: s.id, after: input });
  return { id: s.id };
}

export async function updateStation(scope: Scope, input: z.output<typeof ZUpdateStation>) {
  const { db, tenantId, actorId } = scope;
  const before = await db.serviceStation.findUnique({ where: { tenantId_id: { tenantId, id: input.id } } });
  if (!before) throw notFound('station');
  await checkTerms(scope, input);
  const r = await uniqueOr(
    db.serviceStation.updateMany({ where: { tenantId, id: input.id }, data: columns(input) }),
    'stationExists',
    { name: input.name },
    'name',
  );
  if (r.count !== 1) throw notFound('station');
  await recordAudit(db, { tenantId, actorId, action: 'station.update', entity: 'ServiceStation', entityId: input.id, before, after: input });
  return { id: input.id };
}

export async function archiveStation({ db, tenantId, actorId, now }: Scope, input: z.output<typeof ZArchiveStation>) {
  const r = await db.serviceStation.updateMany({ where: { tenantId, id: input.id }, data: { archivedAt: input.archived ? (now ?? new Date()) : null } });
  if (r.count !== 1) throw notFound('station');
  await recordAudit(db, { tenantId, actorId, action: input.archived ? 'station.archive' : 'station.restore', entity: 'ServiceStation', entityId: input.id });
  return { id: input.id, archived: input.archived };
}

/** Active staff members who may be put on duty at a station (the station form). */
export async function listStationStaffOptions({ db, tenantId }: Scope) {
  const rows = await db.membership.findMany({
    where: { tenantId, role: 'STAFF', status: 'ACTIVE' },
    select: { id: true, skills: true, user: { select: { name: true } } },
    orderBy: { createdAt: 'asc' },
  });
  return rows.map((m) => ({ id: m.id, name: m.user.name ?? '', skills: m.skills }));
}
