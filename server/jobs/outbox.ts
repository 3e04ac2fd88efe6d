import 'server-only';
import type { PrismaClient } from '../db/generated/client';
import { withTenant } from '../db/tenant';
import { claimAccountMessages, settleAccountMessage } from '../db/system';
import { logger } from '../logger';
import { isEmbedded } from '../env';
import { getSmsTransport } from '../sms/config';
import { reserveSms } from '../sms/caps';
import type { SmsTransport } from '../sms/transport';

// Outbox delivery: the job that sends what services wrote to OutboxMessage in the same
// transaction as its cause. It visits every company through the SECURITY DEFINER function
// linli_outbox_claim (STYLE.md: jobs that visit every tenant), which takes up to `limit`
// PENDING messages with fewer than 5 attempts, oldest first, with SKIP LOCKED, and counts the
// attempt. Each message is handed to a transport; the outcome is then written inside its own
// company's scope (withTenant): SENT with sentAt, or the error kept in lastError and the message
// left PENDING for the next run — FAILED once its 5th attempt has failed.
//
// Delivery is at least once: a crash between the transport and the status update sends the
// message again on a later run (its attempt was already counted, so at most 5 times). Runs
// must not overlap (the queue is created with a singleton policy), since a claimed message
// stays PENDING until its outcome is written.
//
// Text messages (channel SMS) go to the SMS transport (server/sms/config.ts) instead: a
// company's notification to a phone is counted against the SMS caps first (a capped one fails
// and waits for a later run), an account SMS (a sign-in code) was counted when it was asked for.

export const OUTBOX_MAX_ATTEMPTS = 5;

export interface OutboxDelivery {
  tenantId: string;
  id: string;
  channel: 'EMAIL' | 'IN_APP' | 'SMS';
  recipient: string;
  subject: string;
  body: string;
  /** attempts so far, this one included */
  attempts: number;
}

/** Sends one message; throws to report a failure (retried later). */
export interface OutboxTransport {
  name: string;
  send(message: OutboxDelivery): Promise<void>;
}

const maskEmail = (s: string) => s.replace(/^(.)[^@]*(@.*)$/, '$1***$2');

/**
 * There is no mail server here: the default transport logs what would have been sent (the
 * outbox page shows the full text). An in-app message's notification row already exists.
 */
export const loggingTransport: OutboxTransport = {
  name: 'log',
  async send(m) {
    logger.info(
      {
        tenantId: m.tenantId,
        id: m.id,
        channel: m.channel,
        recipient: m.channel === 'EMAIL' ? maskEmail(m.recipient) : m.recipient,
        subject: m.subject,
        // Embedded demo only: an account mail's text (its sign-up or reset link) goes to the
        // console too, so whoever runs the demo can reach a link they did not copy in time.
        ...(m.tenantId === '' && isEmbedded() ? { body: m.body } : {}),
      },
      'outbox: delivered to the log (no mail server configured)',
    );
  },
};

export interface DeliverOptions {
  transport?: OutboxTransport;
  /** text messages (default: the one the environment chooses) */
  sms?: SmsTransport;
  /** the time the SMS caps count at (tests) */
  now?: Date;
  /** messages claimed at a time */
  batchSize?: number;
  /** at most this many batches per run (the next run continues) */
  maxBatches?: number;
}

export interface DeliverResult {
  claimed: number;
  sent: number;
  /** failed this time, left PENDING for another attempt */
  retrying: number;
  /** failed for the last time */
  failed: number;
}

interface ClaimedRow {
  tenant_id: string;
  id: string;
  channel: string;
  recipient: string;
  subject: string;
  body: string;
  attempts: number;
}

export async function deliverOutbox(prisma: PrismaClient, opts: DeliverOptions = {}): Promise<DeliverResult> {
  const transport = opts.transport ?? loggingTransport;
  const sms = opts.sms ?? getSmsTransport();
  const batchSize = opts.batchSize ?? 100;
  const maxBatches = opts.maxBatches ?? 10;
  const total: DeliverResult = { claimed: 0, sent: 0, retrying: 0, failed: 0 };

  for (let batch = 0; batch < maxBatches; batch++) {
    const claimed = await prisma.$queryRaw<ClaimedRow[]>`select * from linli_outbox_claim(${batchSize}::int)`;
    if (!claimed.length) break;
    total.claimed += claimed.length;

    const outcomes = new Map<string, { sent: string[]; failed: { id: string; error: string; final: boolean }[] }>();
    for (const row of claimed) {
      const m: OutboxDelivery = {
        tenantId: row.tenant_id,
        id: row.id,
        channel: row.channel === 'IN_APP' ? 'IN_APP' : row.channel === 'SMS' ? 'SMS' : 'EMAIL',
        recipient: row.recipient,
        subject: row.subject,
        body: row.body,
        attempts: Number(row.attempts),
      };
      const o = outcomes.get(m.tenantId) ?? { sent: [], failed: [] };
      outcomes.set(m.tenantId, o);
      try {
        if (m.channel === 'SMS') {
          // Counted when handed over, even if the provider then fails (it may have charged).
          await reserveSms(prisma, { phone: m.recipient, ip: '', kind: 'notification', now: opts.now });
          await sms.send({ to: m.recipient, text: m.body });
        } else {
          await transport.send(m);
        }
        o.sent.push(m.id);
      } catch (e) {
        const error = (e instanceof Error ? e.message : String(e)).slice(0, 1000) || 'delivery failed';
        const final = m.attempts >= OUTBOX_MAX_ATTEMPTS;
        o.failed.push({ id: m.id, error, final });
        logger.warn(
          { tenantId: m.tenantId, id: m.id, attempts: m.attempts, final, error, transport: m.channel === 'SMS' ? sms.name : transport.name },
          'outbox: delivery failed',
        );
      }
    }

    for (const [tenantId, o] of outcomes) {
      await withTenant(prisma, tenantId, async (db) => {
        if (o.sent.length) {
          await db.outboxMessage.updateMany({
            where: { tenantId, id: { in: o.sent }, status: 'PENDING' },
            data: { status: 'SENT', sentAt: new Date(), lastError: null },
          });
        }
        if (o.failed.length) {
          const ids = o.failed.map((f) => f.id);
          const errors = o.failed.map((f) => f.error);
          const finals = o.failed.map((f) => f.final);
          await db.$executeRaw`
            update "OutboxMessage" m
            set "lastError" = f.error,
                "status" = case when f.final then 'FAILED'::"OutboxStatus" else 'PENDING'::"OutboxStatus" end
            from unnest(${ids}::text[], ${errors}::text[], ${finals}::boolean[]) as f(id, error, final)
            where m."tenantId" = ${tenantId} and m."id" = f.id and m."status" = 'PENDING'`;
        }
      });
      total.sent += o.sent.length;
      for (const f of o.failed) {
        if (f.final) total.failed++;
        else total.retrying++;
      }
    }
    // A failed message is PENDING again and oldest first: it is retried on the next run, not
    // straight away in this one.
    if (claimed.length < batchSize || [...outcomes.values()].some((o) => o.failed.length)) break;
  }
  const account = await deliverAccountMessages(prisma, transport, sms, batchSize);
  for (const k of ['claimed', 'sent', 'retrying', 'failed'] as const) total[k] += account[k];
  if (total.claimed) logger.info({ ...total, transport: transport.name }, 'outbox: run done');
  return total;
}

/**
 * Account mail (sign-up and reset links, throttle notices: no company, tenantId ''), kept in
 * AccountMessage behind SECURITY DEFINER functions; same attempts rule as the outbox.
 */
async function deliverAccountMessages(prisma: PrismaClient, transport: OutboxTransport, sms: SmsTransport, limit: number): Promise<DeliverResult> {
  const r: DeliverResult = { claimed: 0, sent: 0, retrying: 0, failed: 0 };
  const claimed = await claimAccountMessages(prisma, limit);
  r.claimed = claimed.length;
  for (const m of claimed) {
    try {
      if (m.channel === 'SMS') await sms.send({ to: m.recipient, text: m.body });
      else await transport.send({ tenantId: '', id: m.id, channel: 'EMAIL', recipient: m.recipient, subject: m.subject, body: m.body, attempts: m.attempts });
      await settleAccountMessage(prisma, m.id, null, false);
      r.sent++;
    } catch (e) {
      const error = (e instanceof Error ? e.message : String(e)).slice(0, 1000) || 'delivery failed';
      const final = m.attempts >= OUTBOX_MAX_ATTEMPTS;
      await settleAccountMessage(prisma, m.id, error, final);
      if (final) r.failed++;
      else r.retrying++;
      logger.warn({ id: m.id, attempts: m.attempts, final, error, transport: transport.name }, 'outbox: account mail delivery failed');
    }
  }
  return r;
}
