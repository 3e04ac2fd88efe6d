import 'server-only';
import type { Scope } from '../../db/scope';
import type { z } from 'zod';
import type { TenantDb } from '../../db/tenant';
import { Prisma } from '../../db/generated/client';
import { recordAudit } from '../../tenancy/audit';
import { enqueueOutbox, notifyUsers } from '../../notifications/outbox';
import { assertPeriodOpen } from '../common';
import { billsLink, newBillsMessage } from '../messages';
import { ZRunInput } from '../../shared/schemas/billing';
import { areaCandidates, meteredCandidates } from './candidates';
import { planRun } from './plan';

// The billing run (出账). One run bills a period for a set of fee items and communities:
//
//   - per-area and fixed items are billed by ONE INSERT … SELECT over every object in scope,
//     amounts computed in SQL by money.ts's formula (sqlBillAmount: rounded once, half-up);
//     metered items are evaluated in JS with tiers.ts (volumes are small) and written by one
//     INSERT … SELECT FROM unnest(…);
//   - both inserts end in ON CONFLICT DO NOTHING against Bill_one_regular, the partial unique
//     index on (tenant, object, item, period) of regular bills not voided by undoing their run:
//     a rerun, a retry after a crash or two admins at once can never bill a key twice, and
//     objects added later are billed by running again;
//   - a bill voided on its own stays under that index, so a run never re-creates it, also when
//     the void commits while the run's insert is in flight (the insert waits for the void's
//     transaction and then meets the void bill: the candidates' own VOIDED check, read in the
//     statement's snapshot, cannot see a void that commits after it started); bills voided by
//     undoing their whole run (voidedByUndo) leave the index and may be billed again;
//   - identical commits in flight (same period, fee items and communities) make one run: the
//     later ones wait for the first and return its run (joined) instead of recording empty
//     duplicates (see commitRun).
//
// plan.ts decides the items, candidates.ts the objects (the same SQL for preview.ts and
// quote.ts), this file writes; undo.ts voids a run's bills, list.ts reads runs back.

/**
 * UUIDv7s for the bills of one statement, like the uuid(7) Prisma gives every other row: the
 * millisecond time and version from JS, then, from the 1-based row number `rn` (< 2^26), a
 * counter in rand_a and the top of rand_b (RFC 9562 §6.2, method 1: monotonic within the
 * statement), the variant bits, and 48 random bits.
 */
export function uuid7Prefix(now = Date.now()) {
  const h = now.toString(16).padStart(12, '0');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-7`;
}
const UUID7_REST = Prisma.sql`lpad(to_hex(c.rn >> 14), 3, '0') || '-' || to_hex(32768 + (c.rn & 16383)) || '-' || right(gen_random_uuid()::text, 12)`;

const BILL_COLUMNS = Prisma.sql`("tenantId", "id", "kind", "objectKind", "objectId", "unitId", "parkingSpaceId", "payerKind", "payerId",
                                 "feeItemId", "period", "runId", "amountFen", "dueDate", "createdById", "createdAt")`;
const ONE_REGULAR = Prisma.sql`on conflict ("tenantId", "objectId", "feeItemId", "period") where "kind" = 'REGULAR' and not "voidedByUndo" do nothing`;

/** The committed runs identical to `input`: same period, and the same sets of chosen fee items and communities. */
async function identicalRuns(db: TenantDb, tenantId: string, id: { period: string; feeItemIds: string[]; communityIds: string[] }) {
  return db.$queryRaw<{ id: string; billCount: number; totalFen: bigint }[]>`
    select "id", "billCount", "totalFen" from "BillingRun"
    where "tenantId" = ${tenantId} and "period" = ${id.period} and "status" = 'COMMITTED'
      and "feeItemIds" @> ${id.feeItemIds}::text[] and "feeItemIds" <@ ${id.feeItemIds}::text[]
      and "communityIds" @> ${id.communityIds}::text[] and "communityIds" <@ ${id.communityIds}::text[]
    order by "createdAt" desc, "id" desc`;
}

/**
 * Commits a billing run. One run is one company's commit of one period for one set of chosen fee
 * items and communities (none chosen = all, a set of its own): identical commits in flight at
 * once (a double click, two admins, a retried request, the monthly job meeting an admin) take
 * one advisory lock; the first bills, the others wait for it and return ITS run with
 * `joined: true` (no BillingRun of their own, no second notice, no audit entry), or bill
 * themselves if it rolled back. "In flight" = committed after this commit started: an
 * identical run committed earlier is a finished one, and running again then is an ordinary
 * rerun (it bills what was added since, and records its own run).
 */
export async function commitRun(scope: Scope, input: z.output<typeof ZRunInput>, opts: { automatic?: boolean } = {}) {
  const { db, tenantId, actorId } = scope;
  const ident = input;
  const key = { period: ident.period, feeItemIds: [...(ident.feeItemIds ?? [])].sort(), communityIds: [...(ident.communityIds ?? [])].sort() };
  const before = new Set((await identicalRuns(db, tenantId, key)).map((r) => r.id));
  await db.$executeRaw`select pg_advisory_xact_lock(hashtextextended(${`linli:run:${tenantId}:${key.period}:${key.feeItemIds.join(',')}:${key.communityIds.join(',')}`}, 0))`;
  const joined = (await identicalRuns(db, tenantId, key)).find((r) => !before.has(r.id));
  if (joined) {
    return {
      runId: joined.id,
      period: key.period,
      billCount: joined.billCount,
      totalFen: Number(joined.totalFen),
      notified: { inApp: 0, email: 0 },
      joined: true,
    };
  }
  const plan = await planRun(db, tenantId, input);
  await assertPeriodOpen(db, tenantId, plan.period, 'billing');
  const billable = plan.items.filter((i) => !i.skip);
  const area = billable.filter((i) => i.calc === 'PER_AREA' || i.calc === 'FIXED');
  const meteredItems = billable.filter((i) => i.calc === 'METERED');

  const run = await db.billingRun.create({
    data: {
      tenantId,
      period: plan.period,
      feeItemIds: plan.feeItemIds ?? [],
      communityIds: plan.communityIds ?? [],
      billCount: 0,
      totalFen: 0n,
      createdById: actorId,
      automatic: opts.automatic === true,
    },
  });

  let billCount = 0;
  let totalFen = 0n;
  if (area.length) {
    const [r] = await db.$queryRaw<{ n: number; total: bigint }[]>`
      ${areaCandidates(tenantId, plan, area, { preview: false })},
      ins as (
        insert into "Bill" ${BILL_COLUMNS}
        select ${tenantId}, ${uuid7Prefix()} || ${UUID7_REST}, 'REGULAR'::"BillKind", c.object_kind, c.object_id, c.unit_id, c.parking_id,
               c.payer_kind, c.payer_id, c.item_id, ${plan.period}, ${run.id}, c.amount_fen::int, c.due, ${actorId}, now()
        from (select c.*, row_number() over (order by c.object_id collate "C", c.item_id collate "C") as rn from cand c where c.reason is null) c
        -- Rows go in in the indexes' order (object, item) with ids rising like uuid(7)'s: every
        -- btree, and the foreign-key lookups into Unit, are walked left to right instead of at
        -- random (a quarter faster at 100,000 rows).
        order by c.rn
        ${ONE_REGULAR}
        returning "amountFen")
      select count(*)::int as n, coalesce(sum("amountFen"), 0)::bigint as total from ins`;
    billCount += r!.n;
    totalFen += BigInt(r!.total);
  }
  if (meteredItems.length) {
    const rows = (await meteredCandidates(db, tenantId, plan, meteredItems, { preview: false })).filter((m) => m.reason === null);
    if (rows.length) {
      const [r] = await db.$queryRaw<{ n: number; total: bigint }[]>`
        with ins as (
          insert into "Bill" ${BILL_COLUMNS}
          select ${tenantId}, gen_random_uuid()::text, 'REGULAR'::"BillKind", 'UNIT'::"ObjectKind", t.u, t.u, null, 'UNIT'::"ObjectKind", t.u,
                 t.f, ${plan.period}, ${run.id}, t.a, t.d, ${actorId}, now()
          from unnest(${rows.map((m) => m.objectId)}::text[], ${rows.map((m) => m.itemId)}::text[], ${rows.map((m) => m.amountFen)}::int[],
                      ${rows.map((m) => m.dueDate)}::date[]) as t(u, f, a, d)
          where not exists (select 1 from "Bill" b where b."tenantId" = ${tenantId} and b."objectId" = t.u and b."feeItemId" = t.f
                            and b."period" = ${plan.period} and b."kind" = 'REGULAR' and b."voidedAt" is not null and not b."voidedByUndo")
          ${ONE_REGULAR}
          returning "amountFen")
        select count(*)::int as n, coalesce(sum("amountFen"), 0)::bigint as total from ins`;
      billCount += r!.n;
      totalFen += BigInt(r!.total);
    }
  }

  await db.billingRun.updateMany({ where: { tenantId, id: run.id }, data: { billCount, totalFen } });
  const notified = billCount ? await notifyNewBills(scope, run.id, plan.period) : { inApp: 0, email: 0 };
  const result = { runId: run.id, period: plan.period, billCount, totalFen: Number(totalFen), notified, joined: false };
  await recordAudit(db, {
    tenantId,
    actorId,
    action: 'billing.run',
    entity: 'BillingRun',
    entityId: run.id,
    after: {
      period: plan.period,
      feeItemIds: plan.feeItemIds,
      communityIds: plan.communityIds,
      automatic: opts.automatic === true,
      items: plan.items.map((i) => ({ id: i.id, name: i.name, priceUnits: i.skip ? null : i.priceUnits, skipped: i.skip })),
      billCount,
      totalFen: result.totalFen,
      notified,
    },
  });
  return result;
}

/**
 * "New bills for <period>": one in-app notification per signed-in resident of a billed unit and
 * one e-mail per address on file (residents of billed units, renters of spaces rented alone),
 * each summing that person's new bills. Built by one query, written by one insert each, in the
 * run's transaction (the outbox job delivers after commit).
 */
async function notifyNewBills(scope: Scope, runId: string, period: string) {
  const { db, tenantId } = scope;
  const company = { name: scope.companyName, slug: scope.slug, locale: scope.locale, currency: scope.currency };
  const recipients = await db.$queryRaw<{ channel: 'IN_APP' | 'EMAIL'; recipient: string; bills: number; total: bigint }[]>`
    with billed as (
      select b."id", b."amountFen", b."payerKind", b."payerId" from "Bill" b where b."tenantId" = ${tenantId} and b."runId" = ${runId}
    ),
    people as (
      select distinct 'IN_APP' as channel, r."userId" as recipient, b."id", b."amountFen"
      from billed b join "Resident" r on r."tenantId" = ${tenantId} and r."unitId" = b."payerId" and r."archivedAt" is null
      where b."payerKind" = 'UNIT' and r."userId" is not null
      union
      select 'EMAIL', lower(r."email"), b."id", b."amountFen"
      from billed b join "Resident" r on r."tenantId" = ${tenantId} and r."unitId" = b."payerId" and r."archivedAt" is null
      where b."payerKind" = 'UNIT' and r."email" <> ''
      union
      select 'EMAIL', lower(p."renterEmail"), b."id", b."amountFen"
      from billed b join "ParkingSpace" p on p."tenantId" = ${tenantId} and p."id" = b."payerId"
      where b."payerKind" = 'PARKING' and p."renterEmail" <> ''
    )
    select channel, recipient, count(*)::int as bills, sum("amountFen")::bigint as total from people group by channel, recipient`;
  const link = billsLink(company.slug);
  const inApp = recipients
    .filter((r) => r.channel === 'IN_APP')
    .map((r) => {
      const m = newBillsMessage(company, { period, bills: r.bills, totalFen: Number(r.total) });
      return { userId: r.recipient, kind: 'bill.new', title: m.title, body: m.body, link };
    });
  const email = recipients
    .filter((r) => r.channel === 'EMAIL')
    .map((r) => {
      const m = newBillsMessage(company, { period, bills: r.bills, totalFen: Number(r.total) });
      return { channel: 'EMAIL' as const, recipient: r.recipient, subject: m.subject, body: m.emailBody };
    });
  return { inApp: await notifyUsers(db, tenantId, inApp), email: await enqueueOutbox(db, tenantId, email) };
}
