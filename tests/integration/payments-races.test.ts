import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadScope } from '@/server/db/scope';
import { ZRecordPayment, ZReversePayment } from '@/server/shared/schemas/payments';
import pg from 'pg';
import { TRPCError } from '@trpc/server';
import { getHTTPStatusCodeFromError } from '@trpc/server/http';
import { createTestDatabase, pgServerUrl, type TestDatabase } from '../helpers/test-db';
import { addMember, callerFor, makeRegister, makeTenant } from '../helpers/fixtures';
import { connectPostgres, type Database } from '@/server/db/client';
import { withTenant } from '@/server/db/tenant';
import { dateColumn, localDate } from '@/server/shared/calendar';
import { AppError } from '@/server/errors';
import { recordPayment } from '@/server/payments/record-payment';
import { reversePayment } from '@/server/payments/reverse-payment';
import { barrier, sleep } from '../helpers/async';

// Issue #12, fee points 1 (ten reversals of one payment at once) and 7 (idempotent payments).
// Races run on separate connections: transactions are opened and held at a barrier until all
// are open, and the first to finish holds its commit until every other one is seen waiting on
// a lock (or done), so the losers really were in flight while the winner was.

const TZ = 'Asia/Shanghai';
const today = () => localDate(TZ);

const codeOf = (e: unknown) => (e instanceof AppError || e instanceof TRPCError ? e.code : String(e));
async function trpcError(p: Promise<unknown>): Promise<TRPCError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof TRPCError) return e;
    throw e;
  }
  throw new Error('expected the call to fail');
}

describe.skipIf(!pgServerUrl())('payment races and idempotency (PostgreSQL)', () => {
  let t: TestDatabase;
  let owner: pg.Pool;
  let A: Awaited<ReturnType<typeof makeTenant>>;
  let B: Awaited<ReturnType<typeof makeTenant>>;
  let regA: Awaited<ReturnType<typeof makeRegister>>;
  let regB: Awaited<ReturnType<typeof makeRegister>>;
  let feeItemId: string;
  let period = 0;
  const conns: Database[] = [];

  const payerA = () => ({ kind: 'UNIT' as const, id: regA.unit.id });
  const billA = (amountFen: number) =>
    withTenant(t.db.prisma, A.tenant.id, (db) =>
      db.bill.create({
        data: {
          tenantId: A.tenant.id,
          kind: 'REGULAR',
          objectKind: 'UNIT',
          objectId: regA.unit.id,
          unitId: regA.unit.id,
          payerKind: 'UNIT',
          payerId: regA.unit.id,
          feeItemId,
          period: `2031-${String(++period).padStart(2, '0')}`,
          amountFen,
          dueDate: dateColumn('2031-12-15'),
          createdById: A.admin.id,
        },
      }),
    );
  const count = async (sql: string, params: unknown[]) => Number((await owner.query<{ n: string }>(sql, params)).rows[0]!.n);
  const paymentsOf = (tenantId: string) => count(`select count(*)::text as n from "Payment" where "tenantId" = $1`, [tenantId]);

  /** Runs `fn` on each connection at once; each holds its commit until the others are done or waiting on a lock. */
  async function race<R>(n: number, fn: (db: Parameters<Parameters<typeof withTenant>[2]>[0], i: number) => Promise<R>) {
    const start = barrier(n);
    const pids = Array<number>(n).fill(0);
    const done = Array<boolean>(n).fill(false);
    return Promise.allSettled(
      conns.slice(0, n).map((c, i) =>
        withTenant(c.prisma, A.tenant.id, async (db) => {
          pids[i] = (await db.$queryRaw<{ pid: number }[]>`select pg_backend_pid() as pid`)[0]!.pid;
          await start();
          try {
            return await fn(db, i);
          } finally {
            done[i] = true;
            for (let o = 0; o < n; o++) {
              for (let k = 0; o !== i && k < 300 && !done[o]; k++) {
                const w = await owner.query(`select wait_event_type from pg_stat_activity where pid = $1`, [pids[o]]);
                if (w.rows[0]?.wait_event_type === 'Lock') break;
                await sleep(10);
              }
            }
          }
        }),
      ),
    );
  }

  beforeAll(async () => {
    t = await createTestDatabase();
    A = await makeTenant(t.db, 'Idem 物业');
    B = await makeTenant(t.db, 'Other 物业');
    regA = await makeRegister(t.db, A);
    regB = await makeRegister(t.db, B);
    feeItemId = (
      await withTenant(t.db.prisma, A.tenant.id, (db) =>
        db.feeItem.create({ data: { tenantId: A.tenant.id, name: '物业费', calc: 'PER_AREA', communityIds: [regA.community.id] } }),
      )
    ).id;
    for (let i = 0; i < 10; i++) conns.push(connectPostgres(t.appUrl, { max: 1 }));
    owner = new pg.Pool({ connectionString: t.url, max: 4 });
  });
  afterAll(async () => {
    await owner?.end();
    await Promise.all(conns.map((c) => c.close()));
    await t?.drop();
  });

  it('ten concurrent reversals of one payment: one succeeds, nine get CONFLICT "already reversed"', async () => {
    // The payment overpays, so it books credit: a loser that went on after the winner would
    // find that credit taken back and answer "credit used since" instead of "already reversed".
    await billA(10_000);
    const p = await withTenant(t.db.prisma, A.tenant.id, async (db) =>
      recordPayment(
        await loadScope(db, A.tenant.id, A.admin.id),
        ZRecordPayment.parse({ payer: payerA(), method: 'CASH', amountFen: 12_000, receivedOn: today() }),
      ),
    );
    expect(p.creditAddedFen).toBe(2_000);
    const results = await race(10, async (db) =>
      reversePayment(await loadScope(db, A.tenant.id, A.admin.id), ZReversePayment.parse({ paymentId: p.id, reason: '收错了' })),
    );
    const ok = results.filter((r) => r.status === 'fulfilled');
    const refused = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(ok).toHaveLength(1);
    expect(refused.map((r) => `${codeOf(r.reason)}: ${(r.reason as Error).message}`)).toEqual(
      Array(9).fill('CONFLICT: This payment has already been reversed'),
    );
    expect(await count(`select count(*)::text as n from "Payment" where "reversesId" = $1`, [p.id])).toBe(1);
    // Through the API the same refusal is a 409.
    const e = await trpcError(A.as.payments.reversePayment({ tenant: A.slug, paymentId: p.id, reason: '再来一次' }));
    expect([e.code, getHTTPStatusCodeFromError(e)]).toEqual(['CONFLICT', 409]);
  });

  it('a retry with the same idempotency key returns the same payment and receipt; nothing is recorded twice', async () => {
    await billA(30_000);
    const key = crypto.randomUUID();
    const body = {
      tenant: A.slug,
      payer: payerA(),
      method: 'WECHAT' as const,
      amountFen: 30_000,
      receivedOn: today(),
      note: '三月物业费',
      idempotencyKey: key,
    };
    const before = await paymentsOf(A.tenant.id);
    const first = await A.as.payments.recordPayment(body);
    const again = await A.as.payments.recordPayment(body);
    expect(again).toEqual(first);
    expect(await paymentsOf(A.tenant.id)).toBe(before + 1);
    const counter = await count(`select "lastNo"::text as n from "ReceiptCounter" where "tenantId" = $1 and year = $2`, [A.tenant.id, first.receiptYear]);
    expect(counter).toBe(first.receiptNumber);
    // Keys are per submission: a new key is a new payment.
    const other = await A.as.payments.recordPayment({ ...body, idempotencyKey: crypto.randomUUID() });
    expect(other.id).not.toBe(first.id);
    expect(other.receiptNumber).toBe(first.receiptNumber + 1);
  });

  it('the same key with a different body (or from another user) gets 422 and records nothing', async () => {
    const key = crypto.randomUUID();
    const body = { tenant: A.slug, payer: payerA(), method: 'CASH' as const, amountFen: 5_000, receivedOn: today(), idempotencyKey: key };
    const first = await A.as.payments.recordPayment(body);
    const before = await paymentsOf(A.tenant.id);
    for (const changed of [{ amountFen: 5_001 }, { method: 'POS' as const }, { note: 'x' }, { useCredit: true }]) {
      const e = await trpcError(A.as.payments.recordPayment({ ...body, ...changed }));
      expect([e.code, getHTTPStatusCodeFromError(e), e.message]).toEqual([
        'UNPROCESSABLE_CONTENT',
        422,
        'This idempotency key was already used for a different request',
      ]);
    }
    const cashier = await addMember(t.db, A.tenant.id, 'CASHIER');
    const e = await trpcError(callerFor(t.db, cashier).payments.recordPayment(body));
    expect(e.code).toBe('UNPROCESSABLE_CONTENT');
    expect(await paymentsOf(A.tenant.id)).toBe(before);
    // Defaults are part of the canonical body: leaving out a default is the same request.
    expect((await A.as.payments.recordPayment({ ...body, note: '', useCredit: false })).id).toBe(first.id);
  });

  it("company B reusing company A's key gets its own payment, never A's", async () => {
    const key = crypto.randomUUID();
    const a = await A.as.payments.recordPayment({
      tenant: A.slug,
      payer: payerA(),
      method: 'CASH',
      amountFen: 1_000,
      receivedOn: today(),
      idempotencyKey: key,
    });
    const b = await B.as.payments.recordPayment({
      tenant: B.slug,
      payer: { kind: 'UNIT', id: regB.unit.id },
      method: 'CASH',
      amountFen: 1_000,
      receivedOn: today(),
      idempotencyKey: key,
    });
    expect(b.id).not.toBe(a.id);
    expect((await B.as.payments.getPayment({ tenant: B.slug, id: b.id })).id).toBe(b.id);
    // A's payment stays A's: B cannot read it, and B's retry returns B's payment.
    expect(codeOf(await trpcError(B.as.payments.getPayment({ tenant: B.slug, id: a.id })))).toBe('NOT_FOUND');
    expect(
      (
        await B.as.payments.recordPayment({
          tenant: B.slug,
          payer: { kind: 'UNIT', id: regB.unit.id },
          method: 'CASH',
          amountFen: 1_000,
          receivedOn: today(),
          idempotencyKey: key,
        })
      ).id,
    ).toBe(b.id);
    // B reusing A's key with A's body (A's unit) is refused as another company's unit.
    expect(
      codeOf(
        await trpcError(
          B.as.payments.recordPayment({ tenant: B.slug, payer: payerA(), method: 'CASH', amountFen: 1_000, receivedOn: today(), idempotencyKey: key }),
        ),
      ),
    ).toBe('UNPROCESSABLE_CONTENT');
    expect(await count(`select count(*)::text as n from "IdempotencyKey" where key = $1`, [key])).toBe(2);
  });

  it('five requests with one key in flight at once: one payment, one receipt number, the same answer for all', async () => {
    await billA(20_000);
    const key = crypto.randomUUID();
    const before = await paymentsOf(A.tenant.id);
    const results = await race(5, async (db) =>
      recordPayment(
        await loadScope(db, A.tenant.id, A.admin.id),
        ZRecordPayment.parse({ payer: payerA(), method: 'ALIPAY', amountFen: 20_000, receivedOn: today(), idempotencyKey: key }),
      ),
    );
    expect(results.every((r) => r.status === 'fulfilled')).toBe(true);
    const values = results.map((r) => (r as PromiseFulfilledResult<Awaited<ReturnType<typeof recordPayment>>>).value);
    expect(new Set(values.map((v) => v.id)).size).toBe(1);
    expect(new Set(values.map((v) => v.receiptNo)).size).toBe(1);
    expect(await paymentsOf(A.tenant.id)).toBe(before + 1);
  });

  it('a key whose first request failed is free again: the retry records the payment', async () => {
    const key = crypto.randomUUID();
    const body = ZRecordPayment.parse({ payer: payerA(), method: 'CASH' as const, amountFen: 700, receivedOn: today(), idempotencyKey: key });
    await expect(
      withTenant(t.db.prisma, A.tenant.id, async (db) => {
        await recordPayment(await loadScope(db, A.tenant.id, A.admin.id), body);
        throw new Error('printer jammed');
      }),
    ).rejects.toThrow('printer jammed');
    const r = await withTenant(t.db.prisma, A.tenant.id, async (db) => recordPayment(await loadScope(db, A.tenant.id, A.admin.id), body));
    expect(await count(`select count(*)::text as n from "Payment" where id = $1`, [r.id])).toBe(1);
    expect(await count(`select count(*)::text as n from "IdempotencyKey" where key = $1 and "paymentId" = $2`, [key, r.id])).toBe(1);
    expect((await withTenant(t.db.prisma, A.tenant.id, async (db) => recordPayment(await loadScope(db, A.tenant.id, A.admin.id), body))).id).toBe(r.id);
  });

  it('applyCredit with a key: a retry returns the same credit payment', async () => {
    await billA(900);
    const key = crypto.randomUUID();
    const credit = await A.as.payments.getCreditBalance({ tenant: A.slug, payer: payerA() });
    expect(credit.balanceFen).toBeGreaterThan(0);
    const first = await A.as.payments.applyCredit({ tenant: A.slug, payer: payerA(), idempotencyKey: key });
    const again = await A.as.payments.applyCredit({ tenant: A.slug, payer: payerA(), idempotencyKey: key });
    expect(again).toEqual(first);
  });
});
