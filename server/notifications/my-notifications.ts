import 'server-only';
import { pageWindow } from '../shared/paging';
import type { z } from 'zod';
import type { Scope } from '../db/scope';
import { notFound } from '../errors';
import { ZMarkRead, ZMyNotifications } from '../shared/schemas/notifications';

// A signed-in user's own in-app notifications within one company (any role).

export async function listMyNotifications({ db, tenantId, actorId }: Scope, q: z.output<typeof ZMyNotifications>) {
  const mine = { tenantId, userId: actorId };
  const where = { ...mine, ...(q.unreadOnly ? { readAt: null } : {}) };
  const total = await db.notification.count({ where });
  const unread = await db.notification.count({ where: { ...mine, readAt: null } });
  const rows = await db.notification.findMany({
    where,
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    ...pageWindow(q),
    select: { id: true, kind: true, title: true, body: true, link: true, readAt: true, createdAt: true },
  });
  return { total, unread, page: q.page, pageSize: q.pageSize, rows };
}

/** Marks the user's own notifications read. An id that is not theirs → NOT_FOUND, nothing written. */
export async function markNotificationsRead({ db, tenantId, actorId }: Scope, input: z.output<typeof ZMarkRead>) {
  const ids = [...new Set(input.ids)];
  const mine = { tenantId, userId: actorId, id: { in: ids } };
  const owned = await db.notification.count({ where: mine });
  if (owned !== ids.length) throw notFound('notification');
  const { count } = await db.notification.updateMany({ where: { ...mine, readAt: null }, data: { readAt: new Date() } });
  return { updated: count };
}
