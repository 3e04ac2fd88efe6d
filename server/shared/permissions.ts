import type { Role } from '../db/generated/enums';

// Who may do what. Procedure builders check these; pages use them to show or hide actions.
export const PERMISSIONS = {
  'register.read': ['ADMIN', 'CASHIER', 'EXECUTIVE', 'STAFF'],
  'register.write': ['ADMIN'],
  'members.read': ['ADMIN'],
  'members.manage': ['ADMIN'],
  'audit.read': ['ADMIN'],
  'company.manage': ['ADMIN'],
  'resident.self': ['RESIDENT'],
  // fee collection
  'fees.read': ['ADMIN', 'CASHIER', 'EXECUTIVE'],
  'fees.manage': ['ADMIN'], // fee items, prices, billing runs, voids, approvals, period close
  'payments.record': ['ADMIN', 'CASHIER'], // payments, reversals, adjustment requests, day close
  'payments.approve': ['ADMIN'], // refunds
  'days.reopen': ['ADMIN'], // 反日结: reopen a closed day (until its period is closed)
  'arrears.read': ['ADMIN', 'CASHIER', 'EXECUTIVE'],
  'reminders.send': ['ADMIN'],
  'reports.read': ['ADMIN', 'EXECUTIVE'],
  // online payment (#14)
  'onlinePayments.manage': ['ADMIN'], // connect the company's Stripe account, payment methods, overpayment policy
  'onlinePayments.refund': ['ADMIN'], // refund online payments (second admin approves under four-eyes)
  'onlinePayments.reconcile': ['ADMIN', 'EXECUTIVE'], // online payments per day with fee, net and payout
  'resident.pay': ['RESIDENT'], // pay own bills online, top up credit
  'household.manage': ['RESIDENT'], // an owner links household members to the unit (checked: OWNER)
  // services and work orders (#15)
  'services.manage': ['ADMIN'], // catalogue, stations, station standard and targets, announcements
  'services.read': ['ADMIN', 'STAFF', 'EXECUTIVE'], // catalogue and stations (residents: resident.self)
  'workorders.read': ['ADMIN', 'EXECUTIVE'], // every order of the company (read-only for executives)
  'workorders.dispatch': ['ADMIN'], // the board: priority, assign, auto-assign, cancel; also STAFF marked dispatcher
  'workorders.board': ['ADMIN', 'EXECUTIVE'], // read the dispatch board (counts, filters, search); also STAFF marked dispatcher
  'workorders.view': ['ADMIN', 'EXECUTIVE', 'STAFF'], // an order's detail: which orders, server/work-orders/access.ts (residents: workorders.request)
  'workorders.work': ['STAFF', 'ADMIN'], // own queue: accept, quote, start, notes, photos, complete (assignee only)
  'workorders.request': ['RESIDENT'], // order a service, follow, accept a quote, confirm, rate, reopen, cancel
  'workorders.followUp': ['ADMIN'], // 回访 return visits, escalation to a street office (吹哨)
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof PERMISSIONS;

/** A member as permissions see it: the role, and for STAFF whether an admin made them a dispatcher. */
export interface Member {
  role: Role;
  dispatcher?: boolean;
}

/** Granted beyond the role's list: STAFF marked dispatcher (Membership.dispatcher) dispatch work orders. */
const DISPATCHER_GRANTS: readonly Permission[] = ['workorders.dispatch', 'workorders.board'];

export function can(who: Role | Member, permission: Permission): boolean {
  const member = typeof who === 'string' ? { role: who } : who;
  if ((PERMISSIONS[permission] as readonly Role[]).includes(member.role)) return true;
  return member.role === 'STAFF' && member.dispatcher === true && DISPATCHER_GRANTS.includes(permission);
}
