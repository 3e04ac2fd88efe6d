import 'server-only';
import type { z } from 'zod';
import type { Scope } from '../db/scope';
import type { WorkOrder } from '../db/generated/client';
import type { ZOrderRef } from '../shared/schemas/work-orders';
import { AppError } from '../errors';
import { OPEN_STATUSES } from '../shared/work-order-states';
import { loadVisibleOrder, type Member } from './access';
import { assignOrderTo } from './assign-order';
import { checkTransition, nowOf } from './order-core';

// Who should take an order (the assign dialog lists them; auto-assign picks the first):
// active STAFF whose skills include all the item's skills; those on duty at the order's station
// first; then the fewest open orders assigned; ties → fewest orders assigned to them in the last
// 7 days, then by name.

export const RECENT_LOAD_DAYS = 7;

export interface Candidate {
  id: string;
  userId: string;
  name: string;
  role: 'STAFF' | 'ADMIN';
  skills: string[];
  dispatcher: boolean;
  openCount: number;
  recentCount: number;
  onDuty: boolean;
  qualified: boolean;
}

/** Active staff (and admins, who may be assigned by hand) with their load, for `order`. */
export async function candidatesFor(scope: Scope, order: Pick<WorkOrder, 'itemId' | 'stationId'> | null): Promise<Candidate[]> {
  const { db, tenantId } = scope;
  const since = new Date(nowOf(scope).getTime() - RECENT_LOAD_DAYS * 86_400_000);
  const [members, open, recent, item, station] = await Promise.all([
    db.membership.findMany({
      where: { tenantId, status: 'ACTIVE', role: { in: ['STAFF', 'ADMIN'] } },
      select: { id: true, userId: true, role: true, skills: true, dispatcher: true, user: { select: { name: true } } },
    }),
    db.workOrder.groupBy({ by: ['assigneeId'], where: { tenantId, assigneeId: { not: null }, status: { in: [...OPEN_STATUSES] } }, _count: { _all: true } }),
    // assigned to them in the last days: orders of theirs with an assignment since then
    db.workOrder.groupBy({
      by: ['assigneeId'],
      where: { tenantId, assigneeId: { not: null }, events: { some: { kind: 'transition', action: 'assign', createdAt: { gte: since } } } },
      _count: { _all: true },
    }),
    order?.itemId ? db.serviceItem.findUnique({ where: { tenantId_id: { tenantId, id: order.itemId } }, select: { skills: true } }) : null,
    order?.stationId ? db.serviceStation.findUnique({ where: { tenantId_id: { tenantId, id: order.stationId } }, select: { staffIds: true } }) : null,
  ]);
  const count = (rows: typeof open, id: string) => rows.find((r) => r.assigneeId === id)?._count._all ?? 0;
  const needs = item?.skills ?? [];
  const onDuty = new Set(station?.staffIds ?? []);
  const list = members.map((m) => ({
    id: m.id,
    userId: m.userId,
    name: m.user.name,
    role: m.role as 'STAFF' | 'ADMIN',
    skills: m.skills,
    dispatcher: m.role === 'STAFF' && m.dispatcher,
    openCount: count(open, m.id),
    recentCount: count(recent, m.id),
    onDuty: onDuty.has(m.id),
    qualified: m.role === 'STAFF' && needs.every((s) => m.skills.includes(s)),
  }));
  return list.sort(
    (a, b) =>
      Number(b.qualified) - Number(a.qualified) ||
      Number(b.onDuty) - Number(a.onDuty) ||
      a.openCount - b.openCount ||
      a.recentCount - b.recentCount ||
      a.name.localeCompare(b.name, 'zh-CN') ||
      a.id.localeCompare(b.id),
  );
}

/** The assign dialog: everyone assignable, the best qualified first. */
export async function listAssignees(scope: Scope, member: Member, input: z.output<typeof ZOrderRef>) {
  const { order } = await loadVisibleOrder(scope, member, input.orderId);
  const item = order.itemId
    ? await scope.db.serviceItem.findUnique({ where: { tenantId_id: { tenantId: scope.tenantId, id: order.itemId } }, select: { skills: true } })
    : null;
  return { skills: item?.skills ?? [], rows: await candidatesFor(scope, order) };
}

/** Who can be assigned at all (the board's assignee filter): active staff and admins, with their open load. */
export async function listStaff(scope: Scope) {
  return (await candidatesFor(scope, null)).map(({ id, name, role, openCount }) => ({ id, name, role, openCount }));
}

/** Assigns the best qualified staff member, or says that nobody qualifies. */
export async function autoAssign(scope: Scope, member: Member, input: z.output<typeof ZOrderRef>) {
  const { order, actors } = await loadVisibleOrder(scope, member, input.orderId);
  const to = checkTransition(order, 'assign', actors);
  const best = (await candidatesFor(scope, order)).find((c) => c.qualified);
  if (!best) {
    const item = order.itemId
      ? await scope.db.serviceItem.findUnique({ where: { tenantId_id: { tenantId: scope.tenantId, id: order.itemId } }, select: { skills: true } })
      : null;
    throw new AppError('CONFLICT', 'noQualifiedStaff', { skills: (item?.skills ?? []).join(', ') || '—' });
  }
  return assignOrderTo(scope, member, order, to, best.id);
}
