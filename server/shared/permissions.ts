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
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof PERMISSIONS;

export function can(role: Role, permission: Permission): boolean {
  return (PERMISSIONS[permission] as readonly Role[]).includes(role);
}
