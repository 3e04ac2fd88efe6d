// The state of bills "as of" a local date D, in SQL, shared by the collection summary, period
// close, arrears and reminders. Set-based: one CTE chain over the tenant's bills, their approved
// adjustments and their allocations; never Bill.paidFen, which only knows the present.
//
// As-of rules (DOMAIN.md, "The rates executives read"):
//   - a bill counts if it was created by D and not voided by D (local dates in the company's
//     time zone): a bill voided after D still counted on D; a bill created after D did not
//     exist yet;
//   - an approved adjustment reduces the bill's amount from its effectiveOn date (≤ D);
//   - a payment's allocation counts if its payment was received by D (receivedOn ≤ D) and
//     entered by D (enteredAt's local date ≤ D); its date is receivedOn;
//   - a reversal's (negative) allocation counts if the reversal was entered by D and the
//     payment it undoes counts; its date is its own receivedOn, which the payments service
//     sets to the original's date while that period is open ("in place") and to the entry day
//     once it is closed, so a reversal never lands in a closed period;
//   - refunds pay credit back and are not allocated to bills; they do not enter here.
//
// A bill belongs to its payer's community and building (a unit's household: the unit's; a
// parking space rented alone: its community, and no building). A parking space tied to a
// unit is billed to that unit, so it falls in the unit's building.

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
  /** allocations dated from this local date on are also summed into paid_since */
  since?: string;
  /** …and up to this one */
  until?: string;
}

/**
 * `with … bs as (…)`: one row per bill that counts as of D, with
 *   id, period, kind, object_kind, object_id, payer_kind, payer_id, due_date, community_id,
 *   building_id, amount, adjusted, net (= amount − adjusted), paid (allocations by D),
 *   paid_before (dated before `since`), paid_since (dated from `since` to `until`).
 * Follow it with `select … from bs`.
 */
export function billStateCte(p: AsOfParams): Prisma.Sql {
  const d = Prisma.sql`${p.asOf}::date`;
  const localDay = (col: Prisma.Sql) => Prisma.sql`(${col} at time zone ${p.timeZone})::date`;
  const since = p.since ?? '0001-01-01';
  const until = p.until ?? '9999-12-31';
  const scope = [
    p.communityId ? Prisma.sql`and coalesce(pu."communityId", pp."communityId") = ${p.communityId}` : Prisma.empty,
    p.buildingId ? Prisma.sql`and pu."buildingId" = ${p.buildingId}` : Prisma.empty,
    p.unitPayerIds ? Prisma.sql`and b."payerKind" = 'UNIT' and b."payerId" = any(${p.unitPayerIds}::text[])` : Prisma.empty,
  ];
  // For a handful of payers, look allocations up by bill; for a whole company or community,
  // one hash join over its allocations is far cheaper than a lookup per bill.
  const narrow = p.unitPayerIds ? Prisma.sql`and a."billId" in (select "id" from b0)` : Prisma.empty;
  return Prisma.sql`
    with b0 as (
      select b."id", b."period", b."kind"::text as kind, b."objectKind"::text as object_kind, b."objectId" as object_id,
             b."payerKind"::text as payer_kind, b."payerId" as payer_id, b."dueDate" as due_date, b."amountFen" as amount,
             coalesce(pu."communityId", pp."communityId") as community_id, pu."buildingId" as building_id
      from "Bill" b
      left join "Unit" pu on b."payerKind" = 'UNIT' and pu."tenantId" = b."tenantId" and pu."id" = b."payerId"
      left join "ParkingSpace" pp on b."payerKind" = 'PARKING' and pp."tenantId" = b."tenantId" and pp."id" = b."payerId"
      where b."tenantId" = ${p.tenantId}
        and ${localDay(Prisma.sql`b."createdAt"`)} <= ${d}
        and (b."voidedAt" is null or ${localDay(Prisma.sql`b."voidedAt"`)} > ${d})
        ${p.billWhere ? Prisma.sql`and (${p.billWhere})` : Prisma.empty}
        ${Prisma.join(scope, ' ')}
    ),
    adj as (
      select a."billId" as bill_id, sum(a."amountFen")::bigint as fen
      from "Adjustment" a
      where a."tenantId" = ${p.tenantId} and a."status" = 'APPROVED' and a."effectiveOn" <= ${d}
        ${narrow}
      group by a."billId"
    ),
    al as (
      select x.bill_id,
             sum(x.fen)::bigint as paid,
             coalesce(sum(x.fen) filter (where x.on_date < ${since}::date), 0)::bigint as paid_before,
             coalesce(sum(x.fen) filter (where x.on_date >= ${since}::date and x.on_date <= ${until}::date), 0)::bigint as paid_since
      from (
        select a."billId" as bill_id, a."amountFen" as fen, p."receivedOn" as on_date
        from "PaymentAllocation" a
        join "Payment" p on p."tenantId" = a."tenantId" and p."id" = a."paymentId"
        where a."tenantId" = ${p.tenantId}
          ${narrow}
          and ${localDay(Prisma.sql`p."enteredAt"`)} <= ${d}
          and p."receivedOn" <= ${d}
          and (case when p."kind" = 'REVERSAL'
                    then exists (select 1 from "Payment" o
                                 where o."tenantId" = p."tenantId" and o."id" = p."reversesId"
                                   and o."receivedOn" <= ${d} and ${localDay(Prisma.sql`o."enteredAt"`)} <= ${d})
                    else p."kind" = 'PAYMENT' end)
      ) x
      group by x.bill_id
    ),
    bs as (
      select b0.*, coalesce(adj.fen, 0)::bigint as adjusted, (b0.amount - coalesce(adj.fen, 0))::bigint as net,
             coalesce(al.paid, 0)::bigint as paid, coalesce(al.paid_before, 0)::bigint as paid_before,
             coalesce(al.paid_since, 0)::bigint as paid_since
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
