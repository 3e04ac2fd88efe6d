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
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof PERMISSIONS;

export function can(role: Role, permission: Permission): boolean {
  return (PERMISSIONS[permission] as readonly Role[]).includes(role);
}
