import 'server-only';
import type { Scope } from '../db/scope';
import { myUnitIds } from '../work-orders/access';

/** An item as the resident's request form shows it. */
export interface OfferedItem {
  id: string;
  name: string;
  description: string;
  priceModel: 'FREE' | 'FIXED' | 'QUOTED';
  priceFen: number | null;
  firstResponseMinutes: number;
  resolveHours: number;
  defaultPriority: 'URGENT' | 'NORMAL' | 'LOW';
  /** where it is offered; empty = every community */
  communityIds: string[];
}

export interface OfferedCategory {
  id: string;
  name: string;
  kind: string;
  items: OfferedItem[];
}

/**
 * The active categories with their active items offered in any of `communityIds` (an item with
 * no communities is offered everywhere), in the catalogue's order. A category left without items
 * there is still listed (a resident may report a problem of that kind without choosing an item,
 * e.g. 投诉建议 or 公共报修). No community given: nothing is offered.
 */
export async function listOfferedServices({ db, tenantId }: Scope, communityIds: string[]): Promise<OfferedCategory[]> {
  if (communityIds.length === 0) return [];
  const categories = await db.serviceCategory.findMany({
    where: { tenantId, archivedAt: null },
    orderBy: [{ sortOrder: 'asc' }, { name: 'asc' }],
    select: {
      id: true,
      name: true,
      kind: true,
      items: {
        where: { archivedAt: null, OR: [{ communityIds: { isEmpty: true } }, { communityIds: { hasSome: communityIds } }] },
        orderBy: { name: 'asc' },
        select: {
          id: true,
          name: true,
          description: true,
          priceModel: true,
          priceFen: true,
          firstResponseMinutes: true,
          resolveHours: true,
          defaultPriority: true,
          communityIds: true,
        },
      },
    },
  });
  return categories;
}

/** The communities of the acting resident's own units. */
export async function myCommunityIds(scope: Scope): Promise<string[]> {
  const unitIds = await myUnitIds(scope);
  if (unitIds.length === 0) return [];
  const units = await scope.db.unit.findMany({ where: { tenantId: scope.tenantId, id: { in: unitIds } }, select: { communityId: true } });
  return [...new Set(units.map((u) => u.communityId))];
}

/** What the acting resident may order: the services offered in their units' communities. */
export async function listMyOfferedServices(scope: Scope): Promise<OfferedCategory[]> {
  return listOfferedServices(scope, await myCommunityIds(scope));
}
