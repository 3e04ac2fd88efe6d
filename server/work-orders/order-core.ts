import 'server-only';
import type { Scope } from '../db/scope';
import type { Prisma, WorkOrder } from '../db/generated/client';
import type { WorkOrderStatus } from '../db/generated/enums';
import { AppError } from '../errors';
import { DEFAULT_SLA, EMERGENCY_SLA, slaOutcome, type SlaTargets } from '../shared/sla';
import { transition, WORK_ORDER_ACTIONS, type WorkOrderAction, type WorkOrderActor } from '../shared/work-order-states';
import { loadVisibleOrder, type Member } from './access';

// What every work-order action shares: the state machine's verdict as a keyed error, the
// guarded status update (a concurrent change of the order refuses the second writer) and the
// timeline event. Services of server/work-orders and server/my-requests build on these.

/** Who an event names: a User id and their role then ("RESIDENT", "STAFF", "ADMIN", or "SYSTEM" for jobs). */
export interface EventActor {
  id: string;
  role: string;
}

export const eventActor = (scope: Scope, member: Pick<Member, 'role'>): EventActor => ({ id: scope.actorId, role: member.role });
export const nowOf = (scope: Pick<Scope, 'now'>) => scope.now ?? new Date();

/** Where `action` leads from the order's status for `actors`, or the keyed error why not. */
export function checkTransition(order: Pick<WorkOrder, 'status'>, action: WorkOrderAction, actors: readonly WorkOrderActor[]): WorkOrderStatus {
  const r = transition(order.status, action, actors);
  if (r.ok) return r.to;
  if (r.reason === 'role') {
    const byAssignee = WORK_ORDER_ACTIONS[action].rules.some((rule) => rule.by === 'ASSIGNEE');
    throw byAssignee ? new AppError('FORBIDDEN', 'workOrderNotYours') : new AppError('FORBIDDEN', 'forbidden');
  }
  throw transitionError(action, order.status);
}

export const transitionError = (action: string, status: WorkOrderStatus) => new AppError('CONFLICT', 'workOrderTransition', { action, status });

/** The visible order, the caller's actors on it and where `action` leads (or the keyed error). */
export async function loadForAction(scope: Scope, member: Member, orderId: string, action: WorkOrderAction) {
  const { order, actors } = await loadVisibleOrder(scope, member, orderId);
  const to = checkTransition(order, action, actors);
  return { order, actors, to };
}

export interface EventInput {
  kind: string;
  action?: string | null;
  fromStatus?: WorkOrderStatus | null;
  toStatus?: WorkOrderStatus | null;
  note?: string;
  toResident?: boolean;
}

/** Appends one event to the order's timeline. */
export async function addEvent(scope: Scope, actor: EventActor, orderId: string, e: EventInput) {
  await scope.db.workOrderEvent.create({
    data: {
      tenantId: scope.tenantId,
      orderId,
      kind: e.kind,
      action: e.action ?? null,
      fromStatus: e.fromStatus ?? null,
      toStatus: e.toStatus ?? null,
      note: e.note ?? '',
      toResident: e.toResident ?? false,
      actorId: actor.id,
      actorRole: actor.role,
      createdAt: nowOf(scope),
    },
  });
}

/**
 * Moves the order from the status it was read in to `to` (with `data`) and records the
 * transition. Another writer having moved it meanwhile (two confirms at once) → the keyed
 * transition error for the second, nothing written. Returns the order as it now is.
 */
export async function applyTransition(
  scope: Scope,
  actor: EventActor,
  order: WorkOrder,
  action: WorkOrderAction,
  to: WorkOrderStatus,
  data: Prisma.WorkOrderUncheckedUpdateManyInput = {},
  note = '',
): Promise<WorkOrder> {
  const { count } = await scope.db.workOrder.updateMany({
    where: { tenantId: scope.tenantId, id: order.id, status: order.status },
    data: { ...data, status: to },
  });
  if (count !== 1) throw transitionError(action, order.status);
  await addEvent(scope, actor, order.id, { kind: 'transition', action, fromStatus: order.status, toStatus: to, note });
  return scope.db.workOrder.findUniqueOrThrow({ where: { tenantId_id: { tenantId: scope.tenantId, id: order.id } } });
}

/** The SLA targets of an order: its item's, else the emergency or default ones by category. */
export async function slaTargetsOf(scope: Scope, order: Pick<WorkOrder, 'itemId' | 'categoryId'>): Promise<SlaTargets> {
  if (order.itemId) {
    const item = await scope.db.serviceItem.findUnique({
      where: { tenantId_id: { tenantId: scope.tenantId, id: order.itemId } },
      select: { firstResponseMinutes: true, resolveHours: true },
    });
    if (item) return item;
  }
  const category = await scope.db.serviceCategory.findUnique({
    where: { tenantId_id: { tenantId: scope.tenantId, id: order.categoryId } },
    select: { kind: true },
  });
  return category?.kind === 'emergency' ? EMERGENCY_SLA : DEFAULT_SLA;
}

/** The first response now (accept, or a note to the resident), unless there was one. */
export function firstResponseData(order: Pick<WorkOrder, 'firstRespondedAt' | 'firstResponseMet' | 'firstResponseDueAt'>, now: Date) {
  if (order.firstRespondedAt) return {};
  return {
    firstRespondedAt: now,
    // a breach already marked by the job stays a breach
    firstResponseMet: order.firstResponseMet ?? now.getTime() <= order.firstResponseDueAt.getTime(),
  };
}

/** Ends a pause (a quote answered, or the order cancelled while quoted): its seconds shift both deadlines. */
export function endPauseData(order: Pick<WorkOrder, 'pausedSince' | 'pausedSeconds' | 'firstResponseDueAt' | 'resolveDueAt'>, now: Date) {
  if (!order.pausedSince) return {};
  const seconds = Math.max(0, Math.floor((now.getTime() - order.pausedSince.getTime()) / 1000));
  return {
    pausedSince: null,
    pausedSeconds: order.pausedSeconds + seconds,
    firstResponseDueAt: new Date(order.firstResponseDueAt.getTime() + seconds * 1000),
    resolveDueAt: new Date(order.resolveDueAt.getTime() + seconds * 1000),
  };
}

/** Outcomes after deadlines moved (a priority change): decided clocks re-judged, open ones breached only when past due. */
export function outcomesFor(
  order: Pick<WorkOrder, 'firstRespondedAt' | 'completedAt' | 'pausedSince'>,
  due: { firstResponseDueAt: Date; resolveDueAt: Date },
  now: Date,
) {
  const paused = order.pausedSince !== null;
  return {
    firstResponseMet: slaOutcome(due.firstResponseDueAt, order.firstRespondedAt, now, paused),
    resolutionMet: slaOutcome(due.resolveDueAt, order.completedAt, now, paused),
  };
}
