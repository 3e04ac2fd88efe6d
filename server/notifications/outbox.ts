import 'server-only';
import type { PrismaClient } from '../db/generated/client';
import type { TenantDb } from '../db/tenant';
import { enqueueAccountMessage } from '../db/system';
import { AppError } from '../errors';
import { normalizePhone } from '../shared/phone';

// The one writer of messages. Transactional outbox: callers write messages in the same
// transaction as their cause; the outbox job (server/jobs/outbox.ts) delivers them afterwards.
// In-app notifications are written straight to Notification, in the same transaction. Mails
// about an account (no company in scope) go to AccountMessage through its SECURITY DEFINER
// function, with the same header rules. A text message (SMS) goes to a mainland mobile number,
// stored as its 11 digits; the job hands it to the SMS transport (server/sms/).

export interface OutboxInput {
  channel: 'EMAIL' | 'IN_APP' | 'SMS';
  recipient: string; // e-mail address, user id for IN_APP, mobile number for SMS
  subject: string; // SMS: not sent (kept for the outbox page)
  body: string;
}

export async function enqueueOutbox(db: TenantDb, tenantId: string, messages: OutboxInput[]) {
  if (!messages.length) return 0;
  const data = messages.map((m) => ({
    tenantId,
    ...m,
    recipient: m.channel === 'SMS' ? smsRecipient(m.recipient) : headerRecipient(m.recipient),
    subject: headerText(m.subject),
  }));
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

/** A text message's recipient: a mainland mobile number, as its 11 digits. */
function smsRecipient(r: string) {
  const phone = normalizePhone(r);
  if (!phone) throw new AppError('BAD_REQUEST', 'phoneInvalid');
  return phone;
}

/** An SMS text: one paragraph, controls folded (providers split or refuse them). */
export const smsText = (s: string) => s.replace(CONTROL, ' ').trim();

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

/** A text message about an account itself (a sign-in code): no company, so AccountMessage. */
export async function enqueueAccountSms(db: PrismaClient | TenantDb, m: { phone: string; subject: string; text: string }) {
  await enqueueAccountMessage(db, { channel: 'SMS', recipient: smsRecipient(m.phone), subject: headerText(m.subject), body: smsText(m.text) });
}
