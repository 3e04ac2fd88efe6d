import type { z } from 'zod';
import type { TenantDb } from '../db/tenant';
import { notFound } from '../errors';
import { ZMarkRead, ZMyNotifications } from './schemas';

// A signed-in user's own in-app notifications within one company (any role).

type Me = { tenantId: string; userId: string };

export async function myNotifications(db: TenantDb, input: z.input<typeof ZMyNotifications> & Me) {
  const q = ZMyNotifications.parse(input);
  const mine = { tenantId: input.tenantId, userId: input.userId };
  const where = { ...mine, ...(q.unreadOnly ? { readAt: null } : {}) };
  const total = await db.notification.count({ where });
  const unread = await db.notification.count({ where: { ...mine, readAt: null } });
  const rows = await db.notification.findMany({
    where,
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    skip: (q.page - 1) * q.pageSize,
    take: q.pageSize,
    select: { id: true, kind: true, title: true, body: true, link: true, readAt: true, createdAt: true },
  });
  return { total, unread, page: q.page, pageSize: q.pageSize, rows };
}

/** Marks the user's own notifications read. An id that is not theirs → NOT_FOUND, nothing written. */
export async function markNotificationsRead(db: TenantDb, input: z.input<typeof ZMarkRead> & Me) {
  const ids = [...new Set(ZMarkRead.parse(input).ids)];
  const mine = { tenantId: input.tenantId, userId: input.userId, id: { in: ids } };
  const owned = await db.notification.count({ where: mine });
  if (owned !== ids.length) throw notFound('notification');
  const { count } = await db.notification.updateMany({ where: { ...mine, readAt: null }, data: { readAt: new Date() } });
  return { updated: count };
}
