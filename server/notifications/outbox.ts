import type { TenantDb } from '../db/tenant';

// Transactional outbox: callers write messages in the same transaction as their cause;
// the outbox job (server/jobs) delivers them afterwards. In-app notifications are written
// straight to Notification, in the same transaction.

export interface OutboxInput {
  channel: 'EMAIL' | 'IN_APP';
  recipient: string; // e-mail address, or user id for IN_APP
  subject: string;
  body: string;
}

export async function enqueueOutbox(db: TenantDb, tenantId: string, messages: OutboxInput[]) {
  if (!messages.length) return 0;
  const { count } = await db.outboxMessage.createMany({ data: messages.map((m) => ({ tenantId, ...m })) });
  return count;
}

export interface NotificationInput {
  userId: string;
  kind: string;
  title: string;
  body: string;
  link?: string;
}

export async function notifyUsers(db: TenantDb, tenantId: string, notes: NotificationInput[]) {
  if (!notes.length) return 0;
  const { count } = await db.notification.createMany({
    data: notes.map((n) => ({ tenantId, userId: n.userId, kind: n.kind, title: n.title, body: n.body, link: n.link ?? '' })),
  });
  return count;
}
