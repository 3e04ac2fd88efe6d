import 'server-only';
import type { Scope } from '../db/scope';
import type { Role } from '../db/generated/enums';
import type { WorkOrder } from '../db/generated/client';
import { notFound } from '../errors';
import { can } from '../shared/permissions';
import type { WorkOrderActor } from '../shared/work-order-states';

// Who may see a work order, and as whom they act on it (server/shared/work-order-states.ts).
// Every work-order read and write, the photo route and the timeline go through here:
// - holders of workorders.read (admins, executives) and dispatchers see every order;
// - staff see the orders assigned to them (and the ones they recorded);
// - residents see the orders of their own units (and the ones they made).
// An order the caller may not see is NOT_FOUND, never FORBIDDEN: its existence is not revealed.

/** The caller's membership as procedures hand it (ctx.membership). */
export interface Member {
  id: string;
  role: Role;
  dispatcher: boolean;
}

/** The units the acting user is a (current) resident of. */
export async function myUnitIds(scope: Scope): Promise<string[]> {
  const rows = await scope.db.resident.findMany({
    where: { tenantId: scope.tenantId, userId: scope.actorId, archivedAt: null },
    select: { unitId: true },
  });
  return [...new Set(rows.map((r) => r.unitId))];
}

/** The roles the caller plays on `order`; empty when they may not see it. */
export async function orderActors(
  scope: Scope,
  member: Member,
  order: Pick<WorkOrder, 'unitId' | 'requesterId' | 'assigneeId' | 'createdById'>,
): Promise<WorkOrderActor[]> {
  const actors: WorkOrderActor[] = [];
  if (can(member, 'workorders.dispatch')) actors.push('DISPATCHER');
  if (order.assigneeId && order.assigneeId === member.id && can(member, 'workorders.work')) actors.push('ASSIGNEE');
  if (member.role === 'RESIDENT') {
    const mine = order.requesterId === scope.actorId || (order.unitId !== null && (await myUnitIds(scope)).includes(order.unitId));
    if (mine) actors.push('RESIDENT');
  }
  return actors;
}

/** Whether the caller may see the order at all (actors, or read-only access). */
export async function canSeeOrder(
  scope: Scope,
  member: Member,
  order: Pick<WorkOrder, 'unitId' | 'requesterId' | 'assigneeId' | 'createdById'>,
): Promise<boolean> {
  if (can(member, 'workorders.read')) return true;
  if ((await orderActors(scope, member, order)).length > 0) return true;
  return member.role === 'STAFF' && order.createdById === scope.actorId;
}

/** The order with the caller's actors, or NOT_FOUND when it is another company's or not theirs to see. */
export async function loadVisibleOrder(scope: Scope, member: Member, orderId: string): Promise<{ order: WorkOrder; actors: WorkOrderActor[] }> {
  const order = await scope.db.workOrder.findUnique({ where: { tenantId_id: { tenantId: scope.tenantId, id: orderId } } });
  if (!order || !(await canSeeOrder(scope, member, order))) throw notFound('workOrder');
  return { order, actors: await orderActors(scope, member, order) };
}
