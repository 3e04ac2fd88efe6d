import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, pgServerUrl, type TestDatabase } from '../helpers/test-db';
import { makeTenant } from '../helpers/fixtures';
import { withTenant } from '@/server/db/tenant';
import { enqueueOutbox } from '@/server/notifications/outbox';
import { deliverOutbox, OUTBOX_MAX_ATTEMPTS, type OutboxDelivery, type OutboxTransport } from '@/server/jobs/outbox';

// The outbox delivery job: claims pending messages of every company through
// linli_outbox_claim, hands them to a transport, and records the outcome in each company's
// own scope (row-level security applies to the updates).

/** A transport that records what it was given and refuses some recipients. */
function recordingTransport(refuse: (m: OutboxDelivery) => boolean) {
  const delivered: OutboxDelivery[] = [];
  const tried: string[] = [];
  const transport: OutboxTransport = {
    name: 'test',
    async send(m) {
      tried.push(m.recipient);
      if (refuse(m)) throw new Error(`mailbox unavailable: ${m.recipient}`);
      delivered.push(m);
    },
  };
  return { transport, delivered, tried };
}

describe.skipIf(!pgServerUrl())('outbox delivery job (PostgreSQL)', () => {
  let t: TestDatabase;
  let A: Awaited<ReturnType<typeof makeTenant>>;
  let B: Awaited<ReturnType<typeof makeTenant>>;

  beforeAll(async () => {
    t = await createTestDatabase();
    A = await makeTenant(t.db, 'Alpha 物业');
    B = await makeTenant(t.db, 'Beta 物业');
  });
  afterAll(() => t?.drop());

  const statuses = (T: typeof A) =>
    withTenant(t.db.prisma, T.tenant.id, (db) =>
      db.outboxMessage.findMany({
        where: { tenantId: T.tenant.id },
        orderBy: { recipient: 'asc' },
        select: { recipient: true, status: true, attempts: true, lastError: true, sentAt: true },
      }),
    );

  it('delivers every company’s messages, retries a failure on later runs, and gives up after 5 attempts', async () => {
    await withTenant(t.db.prisma, A.tenant.id, (db) =>
      enqueueOutbox(db, A.tenant.id, [
        { channel: 'EMAIL', recipient: 'a1@example.test', subject: '缴费提醒', body: '…' },
        { channel: 'EMAIL', recipient: 'bad@example.test', subject: '缴费提醒', body: '…' },
        { channel: 'IN_APP', recipient: A.admin.id, subject: 'New bill', body: '…' },
      ]),
    );
    await withTenant(t.db.prisma, B.tenant.id, (db) =>
      enqueueOutbox(db, B.tenant.id, [{ channel: 'EMAIL', recipient: 'b1@example.test', subject: 'Reminder', body: '…' }]),
    );

    const first = recordingTransport((m) => m.recipient.startsWith('bad@'));
    expect(await deliverOutbox(t.db.prisma, { transport: first.transport })).toEqual({ claimed: 4, sent: 3, retrying: 1, failed: 0 });
    expect(first.delivered.map((m) => [m.tenantId, m.recipient, m.attempts]).sort()).toEqual(
      [
        [A.tenant.id, 'a1@example.test', 1],
        [A.tenant.id, A.admin.id, 1],
        [B.tenant.id, 'b1@example.test', 1],
      ].sort(),
    );
    const a = await statuses(A);
    expect(a.map((m) => [m.recipient, m.status, m.attempts]).sort()).toEqual(
      [
        ['a1@example.test', 'SENT', 1],
        ['bad@example.test', 'PENDING', 1],
        [A.admin.id, 'SENT', 1],
      ].sort(),
    );
    expect(a.find((m) => m.recipient === 'bad@example.test')).toMatchObject({ lastError: 'mailbox unavailable: bad@example.test', sentAt: null });
    expect(a.find((m) => m.recipient === 'a1@example.test')!.sentAt).toBeInstanceOf(Date);
    expect((await statuses(B))[0]).toMatchObject({ status: 'SENT', attempts: 1 });

    // Each later run tries the failing message once more (never the sent ones) until its 5th attempt.
    const later = recordingTransport(() => true);
    for (let run = 2; run < OUTBOX_MAX_ATTEMPTS; run++) {
      expect(await deliverOutbox(t.db.prisma, { transport: later.transport })).toEqual({ claimed: 1, sent: 0, retrying: 1, failed: 0 });
    }
    expect(await deliverOutbox(t.db.prisma, { transport: later.transport })).toEqual({ claimed: 1, sent: 0, retrying: 0, failed: 1 });
    expect(later.tried).toEqual(Array(OUTBOX_MAX_ATTEMPTS - 1).fill('bad@example.test'));
    expect((await statuses(A)).find((m) => m.recipient === 'bad@example.test')).toMatchObject({ status: 'FAILED', attempts: 5 });
    // Nothing is left to claim.
    expect(await deliverOutbox(t.db.prisma, { transport: later.transport })).toEqual({ claimed: 0, sent: 0, retrying: 0, failed: 0 });

    // The demo's outbox page lists what was (or would have been) sent, per company.
    const page = await A.as.notifications.listOutbox({ tenant: A.slug });
    expect(page.total).toBe(3);
    expect((await A.as.notifications.listOutbox({ tenant: A.slug, status: 'FAILED' })).rows.map((m) => m.recipient)).toEqual(['bad@example.test']);
    expect((await B.as.notifications.listOutbox({ tenant: B.slug })).rows.map((m) => m.recipient)).toEqual(['b1@example.test']);
  });

  it('works through several batches in one run, and a failure ends the run so it is retried later', async () => {
    await withTenant(t.db.prisma, A.tenant.id, (db) =>
      enqueueOutbox(
        db,
        A.tenant.id,
        Array.from({ length: 5 }, (_, i) => ({ channel: 'EMAIL' as const, recipient: `batch${i}@example.test`, subject: 's', body: 'b' })),
      ),
    );
    const ok = recordingTransport(() => false);
    expect(await deliverOutbox(t.db.prisma, { transport: ok.transport, batchSize: 2 })).toEqual({ claimed: 5, sent: 5, retrying: 0, failed: 0 });

    // oldest first: the failing message is claimed in the first batch
    await withTenant(t.db.prisma, B.tenant.id, (db) =>
      enqueueOutbox(db, B.tenant.id, [{ channel: 'EMAIL', recipient: 'x-fail@example.test', subject: 's', body: 'b' }]),
    );
    await withTenant(t.db.prisma, B.tenant.id, (db) =>
      enqueueOutbox(db, B.tenant.id, [{ channel: 'EMAIL', recipient: 'x-ok1@example.test', subject: 's', body: 'b' }]),
    );
    await withTenant(t.db.prisma, B.tenant.id, (db) =>
      enqueueOutbox(db, B.tenant.id, [{ channel: 'EMAIL', recipient: 'x-ok2@example.test', subject: 's', body: 'b' }]),
    );
    const some = recordingTransport((m) => m.recipient === 'x-fail@example.test');
    // batch 1 (2 messages) has the failure: the run stops; the third message waits for the next run
    const r = await deliverOutbox(t.db.prisma, { transport: some.transport, batchSize: 2 });
    expect(r).toEqual({ claimed: 2, sent: 1, retrying: 1, failed: 0 });
    expect(some.tried.filter((x) => x === 'x-fail@example.test')).toHaveLength(1);
  });

  it('delivers with the default logging transport', async () => {
    await withTenant(t.db.prisma, A.tenant.id, (db) =>
      enqueueOutbox(db, A.tenant.id, [{ channel: 'EMAIL', recipient: 'log@example.test', subject: 'Hello', body: 'World' }]),
    );
    const r = await deliverOutbox(t.db.prisma);
    expect(r.sent).toBeGreaterThanOrEqual(1);
    expect((await statuses(A)).find((m) => m.recipient === 'log@example.test')).toMatchObject({ status: 'SENT' });
  });
});
