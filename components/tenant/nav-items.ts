import type { Permission } from '@/server/shared/permissions';

export type NavKey =
  | 'home'
  | 'myBills'
  | 'myPayments'
  | 'myHousehold'
  | 'notifications'
  | 'myRequests'
  | 'communities'
  | 'units'
  | 'residents'
  | 'parking'
  | 'feeItems'
  | 'meters'
  | 'billing'
  | 'bills'
  | 'adjustments'
  | 'cashier'
  | 'payments'
  | 'refunds'
  | 'dayClose'
  | 'collection'
  | 'reports'
  | 'arrears'
  | 'outbox'
  | 'import'
  | 'members'
  | 'audit'
  | 'onlinePayments'
  | 'workOrders'
  | 'returnVisits'
  | 'services'
  | 'stations'
  | 'announcements'
  | 'settings';

export type NavGroupKey = 'main' | 'mine' | 'services' | 'register' | 'fees' | 'cashier' | 'collection' | 'admin';

export interface NavItem {
  key: NavKey;
  path: string;
  /** Shown to roles holding any of these (none: everyone). */
  permission?: Permission | Permission[];
}

/**
 * The main navigation in groups (服务 services, 房产 register, 收费 fees, 收银 cashier, 收缴 collection,
 * 管理 admin); an item shows only to roles holding its permission, a group only when it has
 * an item to show.
 */
export const NAV_GROUPS: { key: NavGroupKey; items: NavItem[] }[] = [
  { key: 'main', items: [{ key: 'home', path: '' }] },
  {
    key: 'mine',
    items: [
      { key: 'myBills', path: '/my-bills', permission: 'resident.self' },
      { key: 'myPayments', path: '/my-payments', permission: 'resident.self' },
      { key: 'myRequests', path: '/my-requests', permission: 'workorders.request' },
      { key: 'myHousehold', path: '/my-household', permission: 'resident.self' },
      { key: 'notifications', path: '/notifications', permission: 'resident.self' },
    ],
  },
  {
    key: 'services',
    items: [
      { key: 'workOrders', path: '/work-orders', permission: ['workorders.read', 'workorders.dispatch', 'workorders.work'] },
      { key: 'returnVisits', path: '/work-orders/return-visits', permission: 'workorders.followUp' },
      { key: 'services', path: '/services', permission: 'services.manage' },
      { key: 'stations', path: '/stations', permission: ['services.read', 'resident.self'] },
      { key: 'announcements', path: '/announcements', permission: 'services.manage' },
    ],
  },
  {
    key: 'register',
    items: [
      { key: 'communities', path: '/communities', permission: 'register.read' },
      { key: 'units', path: '/units', permission: 'register.read' },
      { key: 'residents', path: '/residents', permission: 'register.read' },
      { key: 'parking', path: '/parking', permission: 'fees.read' },
    ],
  },
  {
    key: 'fees',
    items: [
      { key: 'feeItems', path: '/fee-items', permission: 'fees.manage' },
      { key: 'meters', path: '/meters', permission: 'fees.manage' },
      { key: 'billing', path: '/billing', permission: 'fees.manage' },
      { key: 'bills', path: '/bills', permission: 'fees.read' },
      { key: 'adjustments', path: '/adjustments', permission: 'fees.manage' },
    ],
  },
  {
    key: 'cashier',
    items: [
      { key: 'cashier', path: '/cashier', permission: 'payments.record' },
      { key: 'payments', path: '/payments', permission: 'fees.read' },
      { key: 'refunds', path: '/refunds', permission: 'payments.record' },
      { key: 'dayClose', path: '/day-close', permission: 'payments.record' },
    ],
  },
  {
    key: 'collection',
    items: [
      { key: 'collection', path: '/collection', permission: 'reports.read' },
      { key: 'reports', path: '/reports', permission: 'reports.read' },
      { key: 'arrears', path: '/arrears', permission: 'arrears.read' },
      { key: 'outbox', path: '/outbox', permission: 'fees.manage' },
    ],
  },
  {
    key: 'admin',
    items: [
      { key: 'import', path: '/import', permission: 'register.write' },
      { key: 'members', path: '/members', permission: 'members.read' },
      { key: 'audit', path: '/audit', permission: 'audit.read' },
      { key: 'onlinePayments', path: '/online-payments', permission: ['onlinePayments.manage', 'onlinePayments.reconcile'] },
      { key: 'settings', path: '/settings', permission: 'company.manage' },
    ],
  },
];
