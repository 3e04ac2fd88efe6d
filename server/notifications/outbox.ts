import 'server-only';
import type { PrismaClient } from '../db/generated/client';
import type { TenantDb } from '../db/tenant';
import { enqueueAccountMessage } from '../db/system';
import { AppError } from '../errors';

// The one writer of messages. Transactional outbox: callers write messages in the same
// transaction as their cause; the outbox job (server/jobs/outbox.ts) delivers them afterwards.
// In-app notifications are written straight to Notification, in the same transaction. Mails
// about an account (no company in scope) go to AccountMessage through its SECURITY DEFINER
// function, with the same header rules.

export interface OutboxInput {
  channel: 'EMAIL' | 'IN_APP';
  recipient: string; // e-mail address, or user id for IN_APP
  subject: string;
  body: string;
}

export async function enqueueOutbox(db: TenantDb, tenantId: string, messages: OutboxInput[]) {
  if (!messages.length) return 0;
  const data = messages.map((m) => ({ tenantId, ...m, recipient: headerRecipient(m.recipient), subject: headerText(m.subject) }));
  const { count } = await db.outboxMessage.createMany({ data });
  return count;
}

// Subject and recipient become e-mail headers: a CR or LF in them would end the header and
// start another (Bcc:, a second body). Whatever a company or resident name carries, the
// writer folds every control character of the subject into a space, and refuses a recipient
// with any (it is an address, never free text).
const CONTROL = /[\u0000-\u001F\u007F\u2028\u2029]+/g;

/** A subject for an e-mail header: one line, controls folded to single spaces. */
export const headerText = (s: string) => s.replace(CONTROL, ' ').trim();

function headerRecipient(r: string) {
  if (/[\u0000-\u001F\u007F\u2028\u2029]/.test(r)) {
    throw new AppError('BAD_REQUEST', 'recipientInvalid');
  }
  return r.trim();
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

/** An e-mail about an account itself (sign-up, reset link): no company, so AccountMessage. */
export async function enqueueAccountMail(db: PrismaClient | TenantDb, m: { recipient: string; subject: string; body: string }) {
  await enqueueAccountMessage(db, { recipient: headerRecipient(m.recipient), subject: headerText(m.subject), body: m.body });
}
