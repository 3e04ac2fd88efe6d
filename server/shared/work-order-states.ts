import type { WorkOrderStatus } from '../db/generated/enums';

// The one definition of a work order's life (#15): its statuses, the actions that move it and
// who may take each one from which status. Every work-order procedure goes through
// `transition()`; an action not allowed here is refused with the key `workOrderTransition`.
// Pure: the UI imports it to show only the buttons that will work.
//
// Who acts, as the order sees them (a person can be several at once, e.g. an admin dispatcher
// who is also the assignee):
// - RESIDENT: a resident of the order's unit (the requester or a member of the household);
// - ASSIGNEE: the staff member the order is assigned to (Membership id = assigneeId);
// - DISPATCHER: a holder of workorders.dispatch (admins; staff marked dispatcher);
// - SYSTEM: a job (auto-close 3 days after completion).

export type WorkOrderActor = 'RESIDENT' | 'ASSIGNEE' | 'DISPATCHER' | 'SYSTEM';

export const WORK_ORDER_STATUSES = [
  'SUBMITTED',
  'ASSIGNED',
  'ACCEPTED',
  'QUOTED',
  'IN_PROGRESS',
  'COMPLETED',
  'CLOSED',
  'CANCELLED',
] as const satisfies readonly WorkOrderStatus[];

/** Statuses in which an order is still being worked on (the board's default view). */
export const OPEN_STATUSES = ['SUBMITTED', 'ASSIGNED', 'ACCEPTED', 'QUOTED', 'IN_PROGRESS'] as const satisfies readonly WorkOrderStatus[];
export const isOpen = (s: WorkOrderStatus) => (OPEN_STATUSES as readonly WorkOrderStatus[]).includes(s);

interface Rule {
  by: WorkOrderActor;
  from: readonly WorkOrderStatus[];
}

/** Each action: where it leads and, per actor, from which statuses it may be taken. */
export const WORK_ORDER_ACTIONS = {
  /** assign or reassign a staff member (the assignee must accept again) */
  assign: { to: 'ASSIGNED', rules: [{ by: 'DISPATCHER', from: ['SUBMITTED', 'ASSIGNED', 'ACCEPTED', 'IN_PROGRESS'] }] },
  /** the assignee takes the order: the first response */
  accept: { to: 'ACCEPTED', rules: [{ by: 'ASSIGNEE', from: ['ASSIGNED'] }] },
  /** a price after inspection (QUOTED items only); SLA clocks pause until the resident answers */
  quote: { to: 'QUOTED', rules: [{ by: 'ASSIGNEE', from: ['ACCEPTED'] }] },
  acceptQuote: { to: 'ACCEPTED', rules: [{ by: 'RESIDENT', from: ['QUOTED'] }] },
  declineQuote: { to: 'CANCELLED', rules: [{ by: 'RESIDENT', from: ['QUOTED'] }] },
  /** work starts (a QUOTED item only once its quote is accepted) */
  start: { to: 'IN_PROGRESS', rules: [{ by: 'ASSIGNEE', from: ['ACCEPTED'] }] },
  /** resolved: stops the resolution clock */
  complete: { to: 'COMPLETED', rules: [{ by: 'ASSIGNEE', from: ['IN_PROGRESS'] }] },
  /** the resident confirms the result (and usually rates it); a price is billed now */
  confirm: { to: 'CLOSED', rules: [{ by: 'RESIDENT', from: ['COMPLETED'] }] },
  /** 3 days after completion without a confirmation; a price is billed now */
  autoClose: { to: 'CLOSED', rules: [{ by: 'SYSTEM', from: ['COMPLETED'] }] },
  /** within 7 days of completion; back to the same assignee; never billed again */
  reopen: { to: 'ASSIGNED', rules: [{ by: 'RESIDENT', from: ['COMPLETED', 'CLOSED'] }] },
  /** with a reason; nothing is billed */
  cancel: {
    to: 'CANCELLED',
    rules: [
      { by: 'RESIDENT', from: ['SUBMITTED', 'ASSIGNED', 'ACCEPTED', 'QUOTED'] },
      { by: 'DISPATCHER', from: ['SUBMITTED', 'ASSIGNED', 'ACCEPTED', 'QUOTED', 'IN_PROGRESS'] },
    ],
  },
} as const satisfies Record<string, { to: WorkOrderStatus; rules: readonly Rule[] }>;

export type WorkOrderAction = keyof typeof WORK_ORDER_ACTIONS;
export const WORK_ORDER_ACTION_NAMES = Object.keys(WORK_ORDER_ACTIONS) as WorkOrderAction[];

/** Days after completion within which a resident may reopen an order. */
export const REOPEN_DAYS = 7;
/** Days after completion after which an unconfirmed order closes by itself (and enters 回访). */
export const AUTO_CLOSE_DAYS = 3;

export type TransitionResult =
  | { ok: true; to: WorkOrderStatus }
  /** `role`: none of the actors may ever take the action; `status`: not from this status */
  | { ok: false; reason: 'role' | 'status' };

/** Where `action` by any of `actors` leads from `from`, or why it may not be taken. */
export function transition(from: WorkOrderStatus, action: WorkOrderAction, actors: readonly WorkOrderActor[]): TransitionResult {
  const def = WORK_ORDER_ACTIONS[action];
  const mine = (def.rules as readonly Rule[]).filter((r) => actors.includes(r.by));
  if (mine.length === 0) return { ok: false, reason: 'role' };
  if (!mine.some((r) => r.from.includes(from))) return { ok: false, reason: 'status' };
  return { ok: true, to: def.to };
}

/** The actions `actors` may take on an order in status `from` (the buttons to show). */
export function allowedActions(from: WorkOrderStatus, actors: readonly WorkOrderActor[]): WorkOrderAction[] {
  return WORK_ORDER_ACTION_NAMES.filter((a) => transition(from, a, actors).ok);
}
