import 'server-only';
import type { z } from 'zod';
import type { Scope } from '../db/scope';
import type { WorkOrder } from '../db/generated/client';
import type { ZAssign } from '../shared/schemas/work-orders';
import { AppError } from '../errors';
import type { Member } from './access';
import { applyTransition, eventActor, loadForAction } from './order-core';
import { assignedMessage, notifyAssignee, notifyResidents, statusMessage } from './notify';

/** The assignable member (an active STAFF or ADMIN of the company) with their name. */
async function assignable(scope: Scope, membershipId: string) {
  const m = await scope.db.membership.findUnique({
    where: { tenantId_id: { tenantId: scope.tenantId, id: membershipId } },
    select: { id: true, role: true, status: true, user: { select: { name: true } } },
  });
  if (!m || m.status !== 'ACTIVE' || (m.role !== 'STAFF' && m.role !== 'ADMIN')) throw new AppError('BAD_REQUEST', 'assigneeInvalid');
  return m;
}

/**
 * Assigns (or reassigns) the order: back to ASSIGNED, the new assignee must accept. The timeline
 * names the assignee; the assignee and the residents are told.
 */
export async function assignOrderTo(scope: Scope, member: Member, order: WorkOrder, to: WorkOrder['status'], membershipId: string) {
  const assignee = await assignable(scope, membershipId);
  const updated = await applyTransition(scope, eventActor(scope, member), order, 'assign', to, { assigneeId: assignee.id }, assignee.user.name);
  await notifyAssignee(scope, updated, assignedMessage(scope, updated));
  if (order.status !== to) await notifyResidents(scope, updated, statusMessage(scope, updated, to));
  return { id: updated.id, status: updated.status, assignee: { id: assignee.id, name: assignee.user.name } };
}

export async function assignOrder(scope: Scope, member: Member, input: z.output<typeof ZAssign>) {
  const { order, to } = await loadForAction(scope, member, input.orderId, 'assign');
  return assignOrderTo(scope, member, order, to, input.assigneeId);
}
