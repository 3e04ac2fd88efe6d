import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadScope } from '@/server/db/scope';
import { ZDay, ZRecordPayment } from '@/server/shared/schemas/payments';
import pg from 'pg';
import { createTestDatabase, pgServerUrl, type TestDatabase } from '../helpers/test-db';
import { makeRegister, makeTenant } from '../helpers/fixtures';
import { connectPostgres, type Database } from '@/server/db/client';
import { withTenant } from '@/server/db/tenant';
import { dateColumn, localDate } from '@/server/shared/calendar';
import { localDateToDayNumber } from '@/server/shared/calendar';
import { AppError } from '@/server/errors';
import { recordPayment } from '@/server/payments/record-payment';
import { closeDay } from '@/server/payments/day-close';
import { barrier, sleep } from '../helpers/async';
import { expectRollupsMatch } from '../helpers/rollups';

// Races on separate database connections: every transaction is opened and held at a barrier
// until all are open, then they pay at once, and each holds its locks a moment before commit.

const TZ = 'Asia/Shanghai';
const today = () => localDate(TZ);
const shift = (day: string, n: number) => new Date((localDateToDayNumber(day) + n) * 86_400_000).toISOString().slice(0, 10);

describe.skipIf(!pgServerUrl())('payments under concurrency (PostgreSQL, separate connections)', () => {
  let t: TestDatabase;
  let T: Awaited<ReturnType<typeof makeTenant>>;
  let reg: Awaited<ReturnType<typeof makeRegister>>;
  let conns: Database[];
  let owner: pg.Client;
  let spaceId: string;
  let feeItemId: string;
  const N = 6;

  const tx = <R>(fn: Parameters<typeof withTenant<R>>[2]) => withTenant(t.db.prisma, T.tenant.id, fn);
  let period = 0;
  const unitBill = (amountFen: number) =>
    tx((db) =>
      db.bill.create({
        data: {
          tenantId: T.tenant.id,
          kind: 'REGULAR',
          objectKind: 'UNIT',
          objectId: reg.unit.id,
          unitId: reg.unit.id,
          payerKind: 'UNIT',
          payerId: reg.unit.id,
          feeItemId,
          period: `2030-${String(++period).padStart(2, '0')}`,
          amountFen,
          dueDate: dateColumn('2030-01-15'),
          createdById: T.admin.id,
        },
      }),
    );
  const spaceBill = (amountFen: number) =>
    tx((db) =>
      db.bill.create({
        data: {
          tenantId: T.tenant.id,
          kind: 'ONE_OFF',
          objectKind: 'PARKING',
          objectId: spaceId,
          parkingSpaceId: spaceId,
          payerKind: 'PARKING',
          payerId: spaceId,
          period: '2030-01',
          description: '车位租金',
          amountFen,
          dueDate: dateColumn('2030-01-15'),
          createdById: T.admin.id,
        },
      }),
    );
  const allocatedTo = async (billId: string) => {
    const r = await owner.query<{ s: string | null }>(`select sum("amountFen")::text as s from "PaymentAllocation" where "billId" = $1`, [billId]);
    return Number(r.rows[0]!.s ?? 0);
  };
  const bill = (id: string) => tx((db) => db.bill.findUniqueOrThrow({ where: { tenantId_id: { tenantId: T.tenant.id, id } } }));

  beforeAll(async () => {
    t = await createTestDatabase();
    T = await makeTenant(t.db, 'Race 物业');
    reg = await makeRegister(t.db, T);
    const ids = await tx(async (db) => ({
      space: await db.parkingSpace.create({ data: { tenantId: T.tenant.id, communityId: reg.community.id, number: 'P-1', renterName: '王五' } }),
      item: await db.feeItem.create({ data: { tenantId: T.tenant.id, name: '物业费', calc: 'PER_AREA', communityIds: [reg.community.id] } }),
    }));
    spaceId = ids.space.id;
    feeItemId = ids.item.id;
    conns = Array.from({ length: N }, () => connectPostgres(t.appUrl, { max: 1 }));
    owner = new pg.Client({ connectionString: t.url });
    await owner.connect();
  });
  afterAll(async () => {
    await owner?.end();
    await Promise.all((conns ?? []).map((c) => c.close()));
    await t?.drop();
  });

  it('concurrent payments choosing one bill: exactly one pays it, the others are refused; Σ allocations = amount', async () => {
    const b = await unitBill(50_000);
    const wait = barrier(N);
    const results = await Promise.allSettled(
      conns.map((c) =>
        withTenant(c.prisma, T.tenant.id, async (db) => {
          await wait();
          const r = await recordPayment(
            await loadScope(db, T.tenant.id, T.admin.id),
            ZRecordPayment.parse({ payer: { kind: 'UNIT', id: reg.unit.id }, method: 'CASH', amountFen: 50_000, receivedOn: today(), billIds: [b.id] }),
          );
          await sleep(20);
          return r;
        }),
      ),
    );
    const ok = results.filter((r) => r.status === 'fulfilled');
    const refused = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(ok).toHaveLength(1);
    expect(refused.map((r) => (r.reason instanceof AppError ? r.reason.code : String(r.reason)))).toEqual(Array(N - 1).fill('CONFLICT'));
    expect((await bill(b.id)).paidFen).toBe(50_000);
    expect(await allocatedTo(b.id)).toBe(50_000);
  });

  it('concurrent oldest-first payments on a unit bill and a parking-space bill never over-allocate; the surplus goes to credit', async () => {
    const ub = await unitBill(10_000);
    const sb = await spaceBill(10_000);
    const wait = barrier(N);
    const results = await Promise.allSettled(
      conns.map((c, i) =>
        withTenant(c.prisma, T.tenant.id, async (db) => {
          await wait();
          const payer = i % 2 === 0 ? { kind: 'UNIT' as const, id: reg.unit.id } : { kind: 'PARKING' as const, id: spaceId };
          // 3 payers' worth of ¥40 on a ¥100 bill each: 2 fill 80 %, the 3rd fills 20 % and leaves ¥20 credit.
          const r = await recordPayment(
            await loadScope(db, T.tenant.id, T.admin.id),
            ZRecordPayment.parse({ payer, method: 'WECHAT', amountFen: 4_000, receivedOn: today() }),
          );
          await sleep(20);
          return r;
        }),
      ),
    );
    expect(results.every((r) => r.status === 'fulfilled')).toBe(true);
    for (const id of [ub.id, sb.id]) {
      const row = await bill(id);
      expect(row.paidFen).toBe(10_000);
      expect(await allocatedTo(id)).toBe(10_000);
    }
    const credit = await owner.query<{ k: string; s: string }>(
      `select "payerKind"::text as k, sum("amountFen")::text as s from "CreditEntry" where "tenantId" = $1 group by 1 order by 1`,
      [T.tenant.id],
    );
    expect(credit.rows).toEqual([
      { k: 'PARKING', s: '2000' },
      { k: 'UNIT', s: '2000' },
    ]);
    const over = await owner.query(`select 1 from "Bill" where "paidFen" + "adjustedFen" > "amountFen"`);
    expect(over.rowCount).toBe(0);
  });

  it('receipt numbers stay gapless under concurrency, with some transactions failing after taking their number', async () => {
    const year = Number(today().slice(0, 4));
    const before = await owner.query<{ n: number }>(`select coalesce(max("receiptNo"), 0) as n from "Payment" where "tenantId" = $1 and "receiptYear" = $2`, [
      T.tenant.id,
      year,
    ]);
    const start = Number(before.rows[0]!.n);
    let failed = 0;
    for (let round = 0; round < 3; round++) {
      const wait = barrier(N);
      const results = await Promise.allSettled(
        conns.map((c, i) =>
          withTenant(c.prisma, T.tenant.id, async (db) => {
            await wait();
            const payer = i % 2 === 0 ? { kind: 'UNIT' as const, id: reg.unit.id } : { kind: 'PARKING' as const, id: spaceId };
            const r = await recordPayment(
              await loadScope(db, T.tenant.id, T.admin.id),
              ZRecordPayment.parse({ payer, method: 'CASH', amountFen: 100 + i, receivedOn: today() }),
            );
            await sleep(5);
            if ((i + round) % 3 === 0) throw new Error(`rolled back after taking ${r.receiptNo}`);
            return r;
          }),
        ),
      );
      failed += results.filter((r) => r.status === 'rejected').length;
      for (const r of results) if (r.status === 'rejected') expect(String(r.reason)).toMatch(/rolled back after taking/);
    }
    expect(failed).toBe(6);
    const nums = await owner.query<{ n: number }>(
      `select "receiptNo" as n from "Payment" where "tenantId" = $1 and "receiptYear" = $2 and "receiptNo" > $3 order by 1`,
      [T.tenant.id, year, start],
    );
    const got = nums.rows.map((r) => r.n);
    expect(got).toEqual(Array.from({ length: 3 * N - 6 }, (_, k) => start + k + 1));
    const counter = await owner.query<{ n: number }>(`select "lastNo" as n from "ReceiptCounter" where "tenantId" = $1 and "year" = $2`, [T.tenant.id, year]);
    expect(counter.rows[0]!.n).toBe(start + 3 * N - 6);
  });

  it('a rolled-back payment gives its receipt number back: the next payment gets the same number', async () => {
    let taken = 0;
    await expect(
      withTenant(conns[0]!.prisma, T.tenant.id, async (db) => {
        const r = await recordPayment(
          await loadScope(db, T.tenant.id, T.admin.id),
          ZRecordPayment.parse({ payer: { kind: 'UNIT', id: reg.unit.id }, method: 'CASH', amountFen: 777, receivedOn: today() }),
        );
        taken = r.receiptNumber;
        throw new Error('printer jammed');
      }),
    ).rejects.toThrow('printer jammed');
    expect(taken).toBeGreaterThan(0);
    const next = await withTenant(conns[1]!.prisma, T.tenant.id, async (db) =>
      recordPayment(
        await loadScope(db, T.tenant.id, T.admin.id),
        ZRecordPayment.parse({ payer: { kind: 'UNIT', id: reg.unit.id }, method: 'CASH', amountFen: 778, receivedOn: today() }),
      ),
    );
    expect(next.receiptNumber).toBe(taken);
  });

  it('closing a day waits for payments in flight; a payment that starts during the close counts on the entry day', async () => {
    const day = shift(today(), -2);
    let firstDone!: () => void;
    const firstRecorded = new Promise<void>((r) => (firstDone = r));
    const first = withTenant(conns[0]!.prisma, T.tenant.id, async (db) => {
      const r = await recordPayment(
        await loadScope(db, T.tenant.id, T.admin.id),
        ZRecordPayment.parse({ payer: { kind: 'UNIT', id: reg.unit.id }, method: 'CASH', amountFen: 3_300, receivedOn: day }),
      );
      firstDone();
      await sleep(300); // still uncommitted while the close starts
      return r;
    });
    await firstRecorded;
    const close = withTenant(conns[1]!.prisma, T.tenant.id, async (db) => closeDay(await loadScope(db, T.tenant.id, T.admin.id), ZDay.parse({ day })));
    // wait until the close is queued on the day's lock
    for (let i = 0; i < 100; i++) {
      const w = await owner.query(`select 1 from pg_locks where locktype = 'advisory' and not granted`);
      if (w.rowCount) break;
      await sleep(10);
    }
    const late = withTenant(conns[2]!.prisma, T.tenant.id, async (db) =>
      recordPayment(
        await loadScope(db, T.tenant.id, T.admin.id),
        ZRecordPayment.parse({ payer: { kind: 'UNIT', id: reg.unit.id }, method: 'CASH', amountFen: 4_400, receivedOn: day }),
      ),
    );
    const [p1, closed, p2] = await Promise.all([first, close, late]);
    expect(p1.countedOn).toBe(day);
    expect(closed).toMatchObject({ count: 1, netFen: 3_300 });
    expect(p2).toMatchObject({ receivedOn: day, countedOn: today() });
  });

  it('after all the races, the report rollups equal the row-by-row figures for every period (company and buildings)', async () => {
    // the bills are of 2030: read them as of that year's end
    await tx((db) => expectRollupsMatch(db, T.tenant.id, TZ, '2030-12-31'));
  });
});
