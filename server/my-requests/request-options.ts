import 'server-only';
import type { Scope } from '../db/scope';
import { listOfferedServices } from '../services/offered';
import { unitLabel } from '../shared/labels';

// What the resident's request form offers: their units (filled in when they have one), the
// services offered in those communities, and the stations serving them.

export async function myUnits(scope: Scope) {
  const rows = await scope.db.resident.findMany({
    where: { tenantId: scope.tenantId, userId: scope.actorId, archivedAt: null, unit: { archivedAt: null } },
    select: {
      unit: {
        select: { id: true, communityId: true, entrance: true, number: true, building: { select: { name: true } }, community: { select: { name: true } } },
      },
    },
  });
  const seen = new Set<string>();
  return rows
    .map((r) => r.unit)
    .filter((u) => !seen.has(u.id) && seen.add(u.id))
    .map((u) => ({
      id: u.id,
      communityId: u.communityId,
      communityName: u.community.name,
      label: unitLabel({ community: u.community.name, building: u.building.name, entrance: u.entrance, number: u.number }),
    }))
    .sort((a, b) => a.label.localeCompare(b.label, 'zh-CN'));
}

export async function getRequestOptions(scope: Scope) {
  const units = await myUnits(scope);
  const communityIds = [...new Set(units.map((u) => u.communityId))];
  const [categories, stations] = await Promise.all([
    listOfferedServices(scope, communityIds),
    communityIds.length
      ? scope.db.serviceStation.findMany({
          where: { tenantId: scope.tenantId, archivedAt: null, communityIds: { hasSome: communityIds } },
          orderBy: { name: 'asc' },
          select: { id: true, name: true, place: true, communityIds: true, itemIds: true },
        })
      : [],
  ]);
  return { units, categories, stations };
}
