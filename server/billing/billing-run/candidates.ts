import 'server-only';
import type { TenantDb } from '../../db/tenant';
import { Prisma } from '../../db/generated/client';
import { sqlBillAmount } from '../../shared/money';
import { meteredAmountFen, formatReading } from '../../shared/tiers';
import { checkReading } from '../../meters/meters';
import { MAX_INT4 } from '../../shared/schemas/billing';
import { type ItemPlan, type RunPlan, type SkipCode } from './plan';

// The objects a run would bill: per-area and fixed items in one SQL statement, metered items
// from their readings (tiers.ts). The same candidates serve the preview, the commit and quotes.

type Mode = { preview: boolean; onlyObjectId?: string };

/**
 * The candidate bills of per-area and fixed items as a CTE chain ending in `cand`, with
 * `reason` null for a bill to create. Every amount comes from sqlBillAmount.
 */
export function areaCandidates(tenantId: string, plan: RunPlan, items: ItemPlan[], mode: Mode): Prisma.Sql {
  const col = <T>(f: (i: ItemPlan) => T) => items.map(f);
  const fac = (s: keyof ItemPlan['factors'], part: 'num' | 'den') => col((i) => i.factors[s]?.[part] ?? null);
  const communityFilter = plan.communityIds ? Prisma.sql`and o_community = any(${plan.communityIds}::text[])` : Prisma.empty;
  const onlyUnit = mode.onlyObjectId ? Prisma.sql`and u."id" = ${mode.onlyObjectId}` : Prisma.empty;
  const onlySpace = mode.onlyObjectId ? Prisma.sql`and p."id" = ${mode.onlyObjectId}` : Prisma.empty;
  const unitLabel = mode.preview ? Prisma.sql`concat_ws(' ', bu."name", nullif(u."entrance", ''), u."number")` : Prisma.sql`null::text`;
  const unitLabelJoin = mode.preview ? Prisma.sql`join "Building" bu on bu."tenantId" = u."tenantId" and bu."id" = u."buildingId"` : Prisma.empty;
  const amount = Prisma.raw(
    sqlBillAmount({ areaHundredths: 'o.area_h', priceUnits: 'o.price', months: 'o.months', factorNum: '(o.sn * o.pn)', factorDen: '(o.sd * o.pd)' }),
  );
  const already = mode.preview
    ? Prisma.sql`when exists (select 1 from "Bill" b where b."tenantId" = ${tenantId} and b."objectId" = o.object_id and b."feeItemId" = o.item_id
                   and b."period" = ${plan.period} and b."kind" = 'REGULAR' and b."voidedAt" is null) then 'ALREADY_BILLED'`
    : Prisma.empty;
  return Prisma.sql`
    with it as (
      select * from unnest(${col((i) => i.id)}::text[], ${col((i) => i.objectKind)}::text[], ${col((i) => i.calc)}::text[],
                           ${col((i) => i.priceUnits)}::bigint[], ${col((i) => i.months)}::int[],
                           ${col((i) => i.cycleStart)}::date[], ${col((i) => i.cycleEnd)}::date[], ${col((i) => i.dueDate)}::date[],
                           ${fac('OCCUPIED', 'num')}::bigint[], ${fac('OCCUPIED', 'den')}::bigint[],
                           ${fac('VACANT', 'num')}::bigint[], ${fac('VACANT', 'den')}::bigint[],
                           ${fac('RENOVATION', 'num')}::bigint[], ${fac('RENOVATION', 'den')}::bigint[],
                           ${col((i) => i.skip)}::text[])
        as t(item_id, object_kind, calc, price, months, cs, ce, due, occ_n, occ_d, vac_n, vac_d, ren_n, ren_d, skip)
    ),
    scope as (
      select it.*, f."communityIds" as cids, f."buildingIds" as bids
      from it join "FeeItem" f on f."tenantId" = ${tenantId} and f."id" = it.item_id
    ),
    obj as (
      select * from (
        select s.item_id, s.price, s.months, s.due, s.skip, u."communityId" as o_community,
               'UNIT'::"ObjectKind" as object_kind, u."id" as object_id, u."id" as unit_id, null::text as parking_id,
               'UNIT'::"ObjectKind" as payer_kind, u."id" as payer_id,
               case when s.calc = 'PER_AREA' then (u."area" * 100)::bigint else 100 end as area_h,
               case u."status" when 'OCCUPIED' then s.occ_n when 'VACANT' then s.vac_n else s.ren_n end as sn,
               case u."status" when 'OCCUPIED' then s.occ_d when 'VACANT' then s.vac_d else s.ren_d end as sd,
               case when u."billingStart" > s.cs then s.ce - u."billingStart" + 1 else 1 end as pn,
               case when u."billingStart" > s.cs then s.ce - s.cs + 1 else 1 end as pd,
               coalesce(u."billingStart" > s.ce, false) as not_started,
               ${unitLabel} as label
        from scope s
        join "Unit" u on u."tenantId" = ${tenantId} and u."archivedAt" is null and u."communityId" = any(s.cids)
                     and (cardinality(s.bids) = 0 or u."buildingId" = any(s.bids)) ${onlyUnit}
        ${unitLabelJoin}
        where s.object_kind = 'UNIT'
        union all
        select s.item_id, s.price, s.months, s.due, s.skip, p."communityId",
               'PARKING'::"ObjectKind", p."id", null::text, p."id",
               case when p."unitId" is null then 'PARKING'::"ObjectKind" else 'UNIT'::"ObjectKind" end, coalesce(p."unitId", p."id"),
               100::bigint, 1::bigint, 1::bigint, 1, 1, false,
               ${mode.preview ? Prisma.sql`'车位 ' || p."number"` : Prisma.sql`null::text`}
        from scope s
        join "ParkingSpace" p on p."tenantId" = ${tenantId} and p."archivedAt" is null and p."communityId" = any(s.cids) ${onlySpace}
        where s.object_kind = 'PARKING'
      ) x where true ${communityFilter}
    ),
    voided as (
      select b."objectId", b."feeItemId" from "Bill" b
      where b."tenantId" = ${tenantId} and b."period" = ${plan.period} and b."kind" = 'REGULAR'
        and b."voidedAt" is not null and not b."voidedByUndo"
    ),
    priced as (
      select o.*, case when o.sn is null or o.not_started then null else ${amount} end as amount_fen from obj o
    ),
    cand as (
      select o.*,
        case when o.skip is not null then o.skip
             when o.sn is null then 'STATUS_NOT_IN_SCOPE'
             when o.not_started then 'NOT_STARTED'
             ${already}
             when exists (select 1 from voided v where v."objectId" = o.object_id and v."feeItemId" = o.item_id) then 'VOIDED'
             when o.amount_fen <= 0 then 'ZERO_AMOUNT'
             when o.amount_fen > ${MAX_INT4} then 'TOO_LARGE'
        end as reason
      from priced o
    )`;
}

// ── metered items: evaluated in JS with tiers.ts ──────────────────────────────────────

type MeteredRow = {
  item_id: string;
  object_id: string;
  status: 'OCCUPIED' | 'VACANT' | 'RENOVATION';
  not_started: boolean;
  meter_id: string | null;
  cur: bigint | null;
  rep_old: bigint | null;
  rep_new: bigint | null;
  prev: bigint | null;
  already: boolean;
  voided: boolean;
  label: string;
};

export type MeteredCandidate = {
  itemId: string;
  objectId: string;
  label: string;
  dueDate: string;
  amountFen: number;
  consumption: string | null;
  reason: SkipCode | null;
};

export async function meteredCandidates(db: TenantDb, tenantId: string, plan: RunPlan, items: ItemPlan[], mode: Mode): Promise<MeteredCandidate[]> {
  if (items.length === 0) return [];
  const communityFilter = plan.communityIds ? Prisma.sql`and u."communityId" = any(${plan.communityIds}::text[])` : Prisma.empty;
  const onlyUnit = mode.onlyObjectId ? Prisma.sql`and u."id" = ${mode.onlyObjectId}` : Prisma.empty;
  const rows = await db.$queryRaw<MeteredRow[]>`
    select f."id" as item_id, u."id" as object_id, u."status"::text as status,
           coalesce(u."billingStart" > t.ce, false) as not_started,
           m."id" as meter_id, cur."reading" as cur, cur."replacedOld" as rep_old, cur."replacedNew" as rep_new, prev."reading" as prev,
           exists (select 1 from "Bill" b where b."tenantId" = ${tenantId} and b."objectId" = u."id" and b."feeItemId" = f."id"
                   and b."period" = ${plan.period} and b."kind" = 'REGULAR' and b."voidedAt" is null) as already,
           exists (select 1 from "Bill" b where b."tenantId" = ${tenantId} and b."objectId" = u."id" and b."feeItemId" = f."id"
                   and b."period" = ${plan.period} and b."kind" = 'REGULAR' and b."voidedAt" is not null and not b."voidedByUndo") as voided,
           concat_ws(' ', bu."name", nullif(u."entrance", ''), u."number") as label
    from unnest(${items.map((i) => i.id)}::text[], ${items.map((i) => i.cycleEnd)}::date[]) as t(item_id, ce)
    join "FeeItem" f on f."tenantId" = ${tenantId} and f."id" = t.item_id
    join "Unit" u on u."tenantId" = ${tenantId} and u."archivedAt" is null and u."communityId" = any(f."communityIds")
                 and (cardinality(f."buildingIds") = 0 or u."buildingId" = any(f."buildingIds")) ${communityFilter} ${onlyUnit}
    join "Building" bu on bu."tenantId" = u."tenantId" and bu."id" = u."buildingId"
    left join "Meter" m on m."tenantId" = ${tenantId} and m."unitId" = u."id" and m."feeItemId" = f."id" and m."archivedAt" is null
    left join "MeterReading" cur on cur."tenantId" = ${tenantId} and cur."meterId" = m."id" and cur."period" = ${plan.period}
    left join lateral (
      select r."reading" from "MeterReading" r
      where r."tenantId" = ${tenantId} and r."meterId" = m."id" and r."period" < ${plan.period}
      order by r."period" desc limit 1) prev on true`;
  const byId = new Map(items.map((i) => [i.id, i]));
  return rows.map((r) => {
    const item = byId.get(r.item_id)!;
    const base = { itemId: item.id, objectId: r.object_id, label: r.label, dueDate: item.dueDate, amountFen: 0, consumption: null as string | null };
    const skip = (reason: SkipCode) => ({ ...base, reason });
    if (item.skip) return skip(item.skip);
    // The status scope applies; its factor does not: a reading measures what was used.
    if (!item.factors[r.status]) return skip('STATUS_NOT_IN_SCOPE');
    if (r.not_started) return skip('NOT_STARTED');
    if (!r.meter_id) return skip('NO_METER');
    if (r.cur === null) return skip('MISSING_READING');
    if (r.prev === null) return skip('NO_PREVIOUS_READING');
    if (mode.preview && r.already) return skip('ALREADY_BILLED');
    if (r.voided) return skip('VOIDED');
    const replacement = r.rep_old !== null && r.rep_new !== null ? { oldFinal: Number(r.rep_old), newStart: Number(r.rep_new) } : undefined;
    const used = checkReading(Number(r.prev), Number(r.cur), replacement)!;
    const previous = formatReading(Number(r.prev));
    const current = formatReading(Number(r.cur));
    const options = replacement ? { replacement: { oldFinal: formatReading(replacement.oldFinal), newStart: formatReading(replacement.newStart) } } : {};
    const amountFen = item.tiers
      ? meteredAmountFen({ previous, current, tiers: item.tiers }, options)
      : meteredAmountFen({ previous, current, priceUnits: item.priceUnits }, options);
    const out = { ...base, amountFen, consumption: formatReading(used) };
    if (amountFen <= 0) return { ...out, reason: 'ZERO_AMOUNT' as const };
    if (amountFen > MAX_INT4) return { ...out, reason: 'TOO_LARGE' as const };
    return { ...out, reason: null };
  });
}
