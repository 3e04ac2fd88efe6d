// The state of bills "as of" a local date D, in SQL, shared by the collection summary, period
// close, arrears and reminders. Set-based: one CTE chain over the tenant's bills, their approved
// adjustments and their allocations; never Bill.paidFen, which only knows the present.
//
// As-of rules (DOMAIN.md, "The rates executives read", "Which bills", "Dates of money"):
//   - a bill belongs to its own period whenever it was created (D limits money, not bills);
//   - a void takes effect on its local date (voidedAt; a closed period's bill voided after 关账
//     is voided today, in the open period): from then on the bill's net is 0;
//   - an approved adjustment reduces the bill's amount from its effectiveOn date;
//   - every allocation (a payment's, or a reversal's negative one) counts from its money
//     record's effective date, Payment.countedOn, whenever it was entered; money on a bill
//     voided since still counts where it is dated, so every fen is counted exactly once;
//   - refunds pay credit back and are not allocated to bills; they do not enter here;
//   - a bill counts in the payment rates when its fee item does (FeeItem.countsInRate) and it
//     is a regular bill or a correction whose replaced bill counts (followed down the chain of
//     corrections); one-off and late-fee bills never count. The others are shown beside.
//
// A bill belongs to its payer's community and building (a unit's household: the unit's; a
// parking space rented alone: its community, and no building). A parking space tied to a
// unit is billed to that unit, so it falls in the unit's building.

import 'server-only';
import { Prisma } from '../db/generated/client';
import type { TenantDb } from '../db/tenant';

export interface AsOfParams {
  tenantId: string;
  timeZone: string;
  /** the cut-off local date D, 'YYYY-MM-DD' */
  asOf: string;
  /** extra conditions on "Bill" b (e.g. a period range), ANDed in */
  billWhere?: Prisma.Sql;
  communityId?: string;
  buildingId?: string;
  /** payers to keep (payerKind 'UNIT'), when given */
  unitPayerIds?: string[];
  /** a period's first day F: adds the state on the day before it (…_before columns) */
  since?: string;
  /** …and up to this day E (paid_until, net_until): the end of the money counted for a period */
  until?: string;
  /** the cut-off for money in `paid` when it differs from D (reminders: every record written) */
  moneyAsOf?: string;
}

/**
 * `with recursive … bs as (…)`: one row per bill (void ones included; filter on `voided`), with
 *   id, period, kind, object_kind, object_id, payer_kind, payer_id, due_date, community_id,
 *   building_id, amount, counts (in the payment rates), void_on (local date or null),
 *   voided (void_on ≤ D), adjusted (approved adjustments effective by D), net (0 if voided by D,
 *   else amount − adjusted), paid (allocations effective by D);
 *   with `since` F: net_before, paid_before (the state at the end of F − 1);
 *   with `until` E: net_until, paid_until (the state at the end of E).
 * Follow it with `select … from bs`.
 */
export function billStateCte(p: AsOfParams): Prisma.Sql {
  const d = Prisma.sql`${p.asOf}::date`;
  const since = p.since ?? '0001-01-02';
  const until = p.until ?? p.asOf;
  const localDay = (col: Prisma.Sql) => Prisma.sql`(${col} at time zone ${p.timeZone})::date`;
  const scope = [
    p.communityId ? Prisma.sql`and coalesce(pu."communityId", pp."communityId") = ${p.communityId}` : Prisma.empty,
    p.buildingId ? Prisma.sql`and pu."buildingId" = ${p.buildingId}` : Prisma.empty,
    p.unitPayerIds ? Prisma.sql`and b."payerKind" = 'UNIT' and b."payerId" = any(${p.unitPayerIds}::text[])` : Prisma.empty,
  ];
  // For a handful of payers, look allocations up by bill; for a whole company or community,
  // one hash join over its allocations is far cheaper than a lookup per bill.
  const narrow = p.unitPayerIds ? Prisma.sql`and a."billId" in (select "id" from b0)` : Prisma.empty;
  const upTo = (col: Prisma.Sql, day: Prisma.Sql) => Prisma.sql`${col} <= ${day}`;
  const B = Prisma.sql`(${since}::date - 1)`;
  const E = Prisma.sql`${until}::date`;
  return Prisma.sql`
    with recursive corr as (
      -- each correction's chain down to the first bill that is not a correction
      select c."id", r."id" as base_id, r."kind"::text as base_kind, 1 as depth
      from "Bill" c
      join "Bill" r on r."tenantId" = c."tenantId" and r."id" = c."replacesId"
      -- "replacesId" is not null: read through the partial index Bill_one_correction
      where c."tenantId" = ${p.tenantId} and c."replacesId" is not null and c."kind" = 'CORRECTION'
      union all
      select corr."id", r."id", r."kind"::text, corr.depth + 1
      from corr
      join "Bill" m on m."tenantId" = ${p.tenantId} and m."id" = corr.base_id
      join "Bill" r on r."tenantId" = m."tenantId" and r."id" = m."replacesId"
      where corr.base_kind = 'CORRECTION' and corr.depth < 50
    ),
    b0 as (
      select b."id", b."period", b."kind"::text as kind, b."objectKind"::text as object_kind, b."objectId" as object_id,
             b."payerKind"::text as payer_kind, b."payerId" as payer_id, b."dueDate" as due_date, b."amountFen" as amount,
             coalesce(pu."communityId", pp."communityId") as community_id, pu."buildingId" as building_id,
             case when b."voidedAt" is null then null else ${localDay(Prisma.sql`b."voidedAt"`)} end as void_on,
             (coalesce(f."countsInRate", false) and (
                b."kind" = 'REGULAR'
                or (b."kind" = 'CORRECTION' and exists (select 1 from corr where corr."id" = b."id" and corr.base_kind = 'REGULAR'))
             )) as counts
      from "Bill" b
      left join "FeeItem" f on f."tenantId" = b."tenantId" and f."id" = b."feeItemId"
      left join "Unit" pu on b."payerKind" = 'UNIT' and pu."tenantId" = b."tenantId" and pu."id" = b."payerId"
      left join "ParkingSpace" pp on b."payerKind" = 'PARKING' and pp."tenantId" = b."tenantId" and pp."id" = b."payerId"
      where b."tenantId" = ${p.tenantId}
        ${p.billWhere ? Prisma.sql`and (${p.billWhere})` : Prisma.empty}
        ${Prisma.join(scope, ' ')}
    ),
    adj as (
      select a."billId" as bill_id,
             coalesce(sum(a."amountFen") filter (where ${upTo(Prisma.sql`a."effectiveOn"`, d)}), 0)::bigint as by_d,
             coalesce(sum(a."amountFen") filter (where ${upTo(Prisma.sql`a."effectiveOn"`, B)}), 0)::bigint as by_before,
             coalesce(sum(a."amountFen") filter (where ${upTo(Prisma.sql`a."effectiveOn"`, E)}), 0)::bigint as by_until
      from "Adjustment" a
      where a."tenantId" = ${p.tenantId} and a."status" = 'APPROVED' and a."effectiveOn" <= greatest(${d}, ${E})
        ${narrow}
      group by a."billId"
    ),
    al as (
      select a."billId" as bill_id,
             coalesce(sum(a."amountFen") filter (where ${upTo(Prisma.sql`m."countedOn"`, Prisma.sql`${p.moneyAsOf ?? p.asOf}::date`)}), 0)::bigint as by_d,
             coalesce(sum(a."amountFen") filter (where ${upTo(Prisma.sql`m."countedOn"`, B)}), 0)::bigint as by_before,
             coalesce(sum(a."amountFen") filter (where ${upTo(Prisma.sql`m."countedOn"`, E)}), 0)::bigint as by_until
      from "PaymentAllocation" a
      join "Payment" m on m."tenantId" = a."tenantId" and m."id" = a."paymentId"
      -- REFUND: an online payment's refund gives back part of its allocations (negative, like a reversal's)
      where a."tenantId" = ${p.tenantId} and m."kind" in ('PAYMENT', 'REVERSAL', 'REFUND') and m."status" = 'APPROVED'
        and m."countedOn" <= greatest(${p.moneyAsOf ?? p.asOf}::date, ${E})
        ${narrow}
      group by a."billId"
    ),
    bs as (
      select b0.*,
             (b0.void_on is not null and b0.void_on <= ${d}) as voided,
             coalesce(adj.by_d, 0)::bigint as adjusted,
             (case when b0.void_on is not null and b0.void_on <= ${d} then 0 else b0.amount - coalesce(adj.by_d, 0) end)::bigint as net,
             coalesce(al.by_d, 0)::bigint as paid,
             (case when b0.void_on is not null and b0.void_on <= ${B} then 0 else b0.amount - coalesce(adj.by_before, 0) end)::bigint as net_before,
             coalesce(al.by_before, 0)::bigint as paid_before,
             (case when b0.void_on is not null and b0.void_on <= ${E} then 0 else b0.amount - coalesce(adj.by_until, 0) end)::bigint as net_until,
             coalesce(al.by_until, 0)::bigint as paid_until
      from b0
      left join adj on adj.bill_id = b0."id"
      left join al on al.bill_id = b0."id"
    )`;
}

/**
 * Settings for the report statements, local to the request's transaction: no JIT (compiling
 * these plans costs more than running them) and room to hash and sort in memory.
 */
export async function reportSettings(db: TenantDb) {
  await db.$queryRaw`select set_config('jit', 'off', true), set_config('work_mem', '32MB', true)`;
}

/** bigint | number | Decimal | null from a raw row → a JS number (sums of fen stay far below 2^53). */
export const num = (v: unknown): number => (v == null ? 0 : Number(v));
