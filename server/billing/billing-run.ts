import 'server-only';
import type { Scope } from '../db/scope';
import type { z } from 'zod';
import type { TenantDb } from '../db/tenant';
import { Prisma } from '../db/generated/client';
import { AppError, notFound } from '../errors';
import { recordAudit } from '../tenancy/audit';
import { enqueueOutbox, notifyUsers } from '../notifications/outbox';
import { addMonths, cycleStart, isCycleStart, monthsInCycle, parseFactor, sqlBillAmount, type BillingCycle } from '../shared/money';
import { meteredAmountFen, formatReading, type Tier } from '../shared/tiers';
import { assertPeriodOpen, cycleBounds, dueDateFor, priceForPeriod, tiersOf } from './common';
import { checkReading } from './meters';
import { billsLink, newBillsMessage } from './messages';
import { MAX_INT4, ZListRuns, ZRunInput, ZById, ZUndoRun } from '../shared/schemas/billing';
import { serverTranslator } from '../i18n/translator';

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
// previewRun evaluates the same SQL without writing and explains every object left out.

export type SkipCode =
  | 'ONE_OFF'
  | 'ARCHIVED'
  | 'NO_PRICE'
  | 'NOT_CYCLE_START'
  | 'STATUS_NOT_IN_SCOPE'
  | 'NOT_STARTED'
  | 'NO_METER'
  | 'MISSING_READING'
  | 'NO_PREVIOUS_READING'
  | 'ALREADY_BILLED'
  | 'VOIDED'
  | 'ZERO_AMOUNT'
  | 'TOO_LARGE';

const SKIP_TEXT: Record<SkipCode, (p: { period: string; cycle?: string; next?: string }) => string> = {
  ONE_OFF: () => 'one-off items are charged by hand, not by a billing run',
  ARCHIVED: () => 'the fee item is archived',
  NO_PRICE: ({ period }) => `no price for ${period}`,
  NOT_CYCLE_START: ({ period, cycle, next }) => `${cycle?.toLowerCase()} item: ${period} is not a cycle start (next: ${next})`,
  STATUS_NOT_IN_SCOPE: () => 'unit status not in scope',
  NOT_STARTED: () => 'billing start after period end',
  NO_METER: () => 'no meter for this item',
  MISSING_READING: ({ period }) => `missing meter reading for ${period}`,
  NO_PREVIOUS_READING: () => 'no previous reading (the first reading is the meter’s baseline)',
  ALREADY_BILLED: () => 'already billed',
  VOIDED: () => 'voided on its own (issue a correction instead)',
  ZERO_AMOUNT: () => 'the amount is 0',
  TOO_LARGE: () => 'the amount is too large for one bill',
};

type Factor = { num: string; den: string } | null;

export type ItemPlan = {
  id: string;
  name: string;
  calc: 'PER_AREA' | 'FIXED' | 'METERED' | 'ONE_OFF';
  cycle: BillingCycle;
  objectKind: 'UNIT' | 'PARKING';
  months: number;
  priceUnits: number;
  tiers: Tier[] | null;
  cycleStart: string;
  cycleEnd: string;
  dueDate: string;
  factors: { OCCUPIED: Factor; VACANT: Factor; RENOVATION: Factor };
  skip: SkipCode | null;
  skipText: string | null;
};

export type RunPlan = { period: string; items: ItemPlan[]; communityIds: string[] | null; feeItemIds: string[] | null };

/** Which items a run bills, at which price and factors; item-level reasons to skip. */
export async function planRun(db: TenantDb, tenantId: string, input: z.output<typeof ZRunInput>): Promise<RunPlan> {
  const { period } = input;
  if (input.communityIds?.length) {
    const n = await db.community.count({ where: { tenantId, id: { in: input.communityIds } } });
    if (n !== input.communityIds.length) throw notFound('community');
  }
  const items = await db.feeItem.findMany({
    where: input.feeItemIds?.length ? { tenantId, id: { in: input.feeItemIds } } : { tenantId, archivedAt: null, calc: { not: 'ONE_OFF' } },
    include: { prices: { where: { effectiveFrom: { lte: period } } } },
    orderBy: { name: 'asc' },
  });
  if (input.feeItemIds?.length && items.length !== input.feeItemIds.length) throw notFound('feeItem');

  const plans = items.map((f): ItemPlan => {
    const price = priceForPeriod(f.prices, period);
    const start = cycleStart(period, f.cycle);
    let skip: SkipCode | null = null;
    if (f.calc === 'ONE_OFF') skip = 'ONE_OFF';
    else if (f.archivedAt) skip = 'ARCHIVED';
    else if (start !== period) skip = 'NOT_CYCLE_START';
    else if (!price) skip = 'NO_PRICE';
    const bounds = cycleBounds(isCycleStart(period, f.cycle) ? period : start, f.cycle);
    const factors = (f.statusFactors ?? {}) as Record<string, string>;
    const factor = (s: string): Factor => {
      const v = factors[s];
      if (v === undefined || v === null) return null;
      const r = parseFactor(String(v));
      return { num: r.num.toString(), den: r.den.toString() };
    };
    return {
      id: f.id,
      name: f.name,
      calc: f.calc,
      cycle: f.cycle,
      objectKind: f.objectKind,
      months: monthsInCycle(f.cycle),
      priceUnits: price?.priceUnits ?? 0,
      tiers: price ? tiersOf(price.tiers) : null,
      cycleStart: bounds.start,
      cycleEnd: bounds.end,
      dueDate: dueDateFor(period, f.cycle, f.dueDay),
      factors: { OCCUPIED: factor('OCCUPIED'), VACANT: factor('VACANT'), RENOVATION: factor('RENOVATION') },
      skip,
      skipText: skip ? SKIP_TEXT[skip]({ period, cycle: f.cycle, next: addMonths(start, monthsInCycle(f.cycle)) }) : null,
    };
  });
  return { period, items: plans, communityIds: input.communityIds?.length ? input.communityIds : null, feeItemIds: input.feeItemIds?.length ? input.feeItemIds : null };
}

// ── per-area and fixed items: one statement ─────────────────────────────────────────

type Mode = { preview: boolean; onlyObjectId?: string };

/**
 * The candidate bills of per-area and fixed items as a CTE chain ending in `cand`, with
 * `reason` null for a bill to create. Every amount comes from sqlBillAmount.
 */
function areaCandidates(tenantId: string, plan: RunPlan, items: ItemPlan[], mode: Mode): Prisma.Sql {
  const col = <T>(f: (i: ItemPlan) => T) => items.map(f);
  const fac = (s: keyof ItemPlan['factors'], part: 'num' | 'den') => col((i) => i.factors[s]?.[part] ?? null);
  const communityFilter = plan.communityIds ? Prisma.sql`and o_community = any(${plan.communityIds}::text[])` : Prisma.empty;
  const onlyUnit = mode.onlyObjectId ? Prisma.sql`and u."id" = ${mode.onlyObjectId}` : Prisma.empty;
  const onlySpace = mode.onlyObjectId ? Prisma.sql`and p."id" = ${mode.onlyObjectId}` : Prisma.empty;
  const unitLabel = mode.preview
    ? Prisma.sql`concat_ws(' ', bu."name", nullif(u."entrance", ''), u."number")`
    : Prisma.sql`null::text`;
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

async function meteredCandidates(db: TenantDb, tenantId: string, plan: RunPlan, items: ItemPlan[], mode: Mode): Promise<MeteredCandidate[]> {
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

// ── preview ────────────────────────────────────────────────────────────────────────

const SAMPLE = 20;

export type PreviewSkip = { feeItemId: string; feeItemName: string; reason: SkipCode; message: string; count: number; examples: { objectKind: string; objectId: string; label: string }[] };

export async function previewRun({ db, tenantId }: Scope, input: z.output<typeof ZRunInput>) {
  const plan = await planRun(db, tenantId, input);
  const closed = await db.periodClose.findUnique({ where: { tenantId_period: { tenantId, period: plan.period } }, select: { id: true } });
  const area = plan.items.filter((i) => i.calc === 'PER_AREA' || i.calc === 'FIXED');
  const metered = await meteredCandidates(db, tenantId, plan, plan.items.filter((i) => i.calc === 'METERED'), { preview: true });
  const meteredObjects = [...new Set(metered.filter((m) => m.reason === null).map((m) => m.objectId))];

  type Group = { item_id: string | null; reason: SkipCode | null; n: number; total: bigint; objects: number; samples: { objectKind: string; objectId: string; label: string; amountFen: number; payerKind: string; payerId: string }[] | null };
  const groups = area.length
    ? await db.$queryRaw<Group[]>`
        ${areaCandidates(tenantId, plan, area, { preview: true })},
        ranked as (select c.*, row_number() over (partition by c.item_id, c.reason order by c.label, c.object_id) as rn from cand c)
        select item_id, reason, count(*)::int as n,
               coalesce(sum(amount_fen) filter (where reason is null), 0)::bigint as total,
               (select count(*)::int from (select object_id from ranked where reason is null union select unnest(${meteredObjects}::text[])) d) as objects,
               json_agg(json_build_object('objectKind', object_kind, 'objectId', object_id, 'label', label, 'amountFen', amount_fen,
                                          'payerKind', payer_kind, 'payerId', payer_id) order by label, object_id) filter (where rn <= ${SAMPLE}) as samples
        from ranked group by item_id, reason`
    : [];

  const itemById = new Map(plan.items.map((i) => [i.id, i]));
  const perItem = new Map(plan.items.map((i) => [i.id, { bills: 0, totalFen: 0, skipped: 0 }]));
  const skipped: PreviewSkip[] = [];
  const toBill: { feeItemId: string; objectKind: string; objectId: string; label: string; amountFen: number; consumption?: string | null }[] = [];
  const skip = (feeItemId: string, reason: SkipCode, count: number, examples: PreviewSkip['examples']) => {
    const item = itemById.get(feeItemId)!;
    perItem.get(feeItemId)!.skipped += count;
    skipped.push({ feeItemId, feeItemName: item.name, reason, message: SKIP_TEXT[reason]({ period: plan.period, cycle: item.cycle, next: addMonths(cycleStart(plan.period, item.cycle), item.months) }), count, examples });
  };
  let objects = meteredObjects.length;
  for (const g of groups) {
    objects = g.objects;
    const item = g.item_id!;
    if (g.reason === null) {
      perItem.get(item)!.bills += g.n;
      perItem.get(item)!.totalFen += Number(g.total);
      for (const s of g.samples ?? []) toBill.push({ feeItemId: item, objectKind: s.objectKind, objectId: s.objectId, label: s.label, amountFen: Number(s.amountFen) });
    } else {
      skip(item, g.reason, g.n, (g.samples ?? []).map((s) => ({ objectKind: s.objectKind, objectId: s.objectId, label: s.label })));
    }
  }
  const meteredGroups = new Map<string, MeteredCandidate[]>();
  for (const m of metered) {
    const k = `${m.itemId}\u0000${m.reason ?? ''}`;
    meteredGroups.set(k, [...(meteredGroups.get(k) ?? []), m]);
  }
  for (const list of meteredGroups.values()) {
    const { itemId, reason } = list[0]!;
    list.sort((a, b) => (a.label < b.label ? -1 : a.label > b.label ? 1 : 0));
    if (reason === null) {
      perItem.get(itemId)!.bills += list.length;
      perItem.get(itemId)!.totalFen += list.reduce((s, m) => s + m.amountFen, 0);
      for (const m of list.slice(0, SAMPLE)) toBill.push({ feeItemId: itemId, objectKind: 'UNIT', objectId: m.objectId, label: m.label, amountFen: m.amountFen, consumption: m.consumption });
    } else {
      skip(itemId, reason, list.length, list.slice(0, SAMPLE).map((m) => ({ objectKind: 'UNIT', objectId: m.objectId, label: m.label })));
    }
  }
  // An item skipped as a whole is reported even when it has no object in scope.
  for (const i of plan.items) if (i.skip && !skipped.some((s) => s.feeItemId === i.id)) skip(i.id, i.skip, 0, []);

  const items = plan.items.map((i) => ({ feeItemId: i.id, name: i.name, calc: i.calc, cycle: i.cycle, priceUnits: i.skip ? null : i.priceUnits, dueDate: i.dueDate, ...perItem.get(i.id)! }));
  return {
    period: plan.period,
    closed: !!closed,
    objects,
    bills: items.reduce((s, i) => s + i.bills, 0),
    totalFen: items.reduce((s, i) => s + i.totalFen, 0),
    items,
    skipped,
    toBill,
  };
}

// ── commit ─────────────────────────────────────────────────────────────────────────

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
    return { runId: joined.id, period: key.period, billCount: joined.billCount, totalFen: Number(joined.totalFen), notified: { inApp: 0, email: 0 }, joined: true };
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
  const inApp = recipients.filter((r) => r.channel === 'IN_APP').map((r) => {
    const m = newBillsMessage(company, { period, bills: r.bills, totalFen: Number(r.total) });
    return { userId: r.recipient, kind: 'bill.new', title: m.title, body: m.body, link };
  });
  const email = recipients.filter((r) => r.channel === 'EMAIL').map((r) => {
    const m = newBillsMessage(company, { period, bills: r.bills, totalFen: Number(r.total) });
    return { channel: 'EMAIL' as const, recipient: r.recipient, subject: m.subject, body: m.emailBody };
  });
  return { inApp: await notifyUsers(db, tenantId, inApp), email: await enqueueOutbox(db, tenantId, email) };
}

// ── undo ───────────────────────────────────────────────────────────────────────────

/**
 * Voids every bill of a run (voidedByUndo, so a corrected run may bill them again). Refused
 * while any of them carries a payment or an approved adjustment, or a late fee was charged on
 * it, or the period is closed. The run's bills are locked first: a payment being recorded on
 * one of them either committed before (and is seen) or waits and then finds the bill void.
 */
export async function undoRun({ db, tenantId, actorId, locale }: Scope, { runId, reason }: z.output<typeof ZUndoRun>) {
  const [run] = await db.$queryRaw<{ id: string; period: string; status: string }[]>`
    select "id", "period", "status"::text as status from "BillingRun" where "tenantId" = ${tenantId} and "id" = ${runId} for update`;
  if (!run) throw notFound('billingRun');
  if (run.status === 'UNDONE') throw new AppError('PRECONDITION_FAILED', 'runUndone');
  await assertPeriodOpen(db, tenantId, run.period, 'undoRun');
  await db.$executeRaw`select 1 from "Bill" where "tenantId" = ${tenantId} and "runId" = ${runId} and "voidedAt" is null order by "id" for update`;
  const [blockers] = await db.$queryRaw<{ paid: number; adjusted: number; late: number }[]>`
    select
      (select count(distinct a."billId")::int from "PaymentAllocation" a join "Bill" b on b."tenantId" = a."tenantId" and b."id" = a."billId"
        where b."tenantId" = ${tenantId} and b."runId" = ${runId} and b."voidedAt" is null) as paid,
      (select count(distinct j."billId")::int from "Adjustment" j join "Bill" b on b."tenantId" = j."tenantId" and b."id" = j."billId"
        where b."tenantId" = ${tenantId} and b."runId" = ${runId} and b."voidedAt" is null and j."status" = 'APPROVED') as adjusted,
      (select count(*)::int from "Bill" l join "Bill" b on b."tenantId" = l."tenantId" and b."id" = l."forBillId"
        where b."tenantId" = ${tenantId} and b."runId" = ${runId} and b."voidedAt" is null and l."voidedAt" is null) as late`;
  if (blockers!.paid || blockers!.adjusted || blockers!.late) {
    throw new AppError('PRECONDITION_FAILED', 'runCannotUndo', { paid: blockers!.paid, adjusted: blockers!.adjusted, late: blockers!.late }, blockers);
  }

  const voided = await db.$queryRaw<{ id: string }[]>`
    update "Bill" set "voidedAt" = now(), "voidReason" = ${reason}, "voidedByUndo" = true
    where "tenantId" = ${tenantId} and "runId" = ${runId} and "voidedAt" is null
    returning "id"`;
  await rejectPendingAdjustments(db, tenantId, actorId, voided.map((v) => v.id), serverTranslator(locale)('bills.voidedNote', { reason }));
  await db.billingRun.updateMany({ where: { tenantId, id: runId }, data: { status: 'UNDONE', undoneAt: new Date(), undoneById: actorId, undoReason: reason } });
  await recordAudit(db, { tenantId, actorId, action: 'billing.undo', entity: 'BillingRun', entityId: runId, after: { period: run.period, reason, billsVoided: voided.length } });
  return { runId, billsVoided: voided.length };
}

/** Pending adjustments of bills that were just voided are rejected (they can never apply). */
export async function rejectPendingAdjustments(db: TenantDb, tenantId: string, actorId: string, billIds: string[], note: string) {
  if (!billIds.length) return 0;
  return db.$executeRaw`
    update "Adjustment" set "status" = 'REJECTED', "decidedById" = ${actorId}, "decidedAt" = now(), "decisionNote" = ${note}
    where "tenantId" = ${tenantId} and "status" = 'PENDING' and "billId" = any(${billIds}::text[])`;
}

// ── runs ───────────────────────────────────────────────────────────────────────────

export async function listRuns({ db, tenantId }: Scope, q: z.output<typeof ZListRuns>) {
  const where = { tenantId, ...(q.period ? { period: q.period } : {}) };
  const total = await db.billingRun.count({ where });
  const rows = await db.billingRun.findMany({ where, orderBy: { createdAt: 'desc' }, skip: (q.page - 1) * q.pageSize, take: q.pageSize });
  const users = await db.user.findMany({ where: { id: { in: [...new Set(rows.flatMap((r) => [r.createdById, r.undoneById].filter((x): x is string => !!x)))] } }, select: { id: true, name: true } });
  const who = new Map(users.map((u) => [u.id, u.name]));
  return {
    total,
    page: q.page,
    pageSize: q.pageSize,
    rows: rows.map((r) => ({ ...showRun(r), createdBy: who.get(r.createdById) ?? null, undoneBy: r.undoneById ? (who.get(r.undoneById) ?? null) : null })),
  };
}

function showRun(r: {
  id: string;
  period: string;
  feeItemIds: string[];
  communityIds: string[];
  status: string;
  billCount: number;
  totalFen: bigint;
  automatic: boolean;
  createdAt: Date;
  undoneAt: Date | null;
  undoReason: string | null;
}) {
  return {
    id: r.id,
    period: r.period,
    automatic: r.automatic,
    feeItemIds: r.feeItemIds,
    communityIds: r.communityIds,
    status: r.status,
    billCount: r.billCount,
    totalFen: Number(r.totalFen),
    createdAt: r.createdAt,
    undoneAt: r.undoneAt,
    undoReason: r.undoReason,
  };
}

export async function getRun({ db, tenantId }: Scope, { id }: z.output<typeof ZById>) {
  const r = await db.billingRun.findUnique({ where: { tenantId_id: { tenantId, id } } });
  if (!r) throw notFound('billingRun');
  const byItem = await db.$queryRaw<{ feeItemId: string; name: string; bills: number; total: bigint; voided: number }[]>`
    select b."feeItemId", f."name", count(*)::int as bills, sum(b."amountFen")::bigint as total, count(b."voidedAt")::int as voided
    from "Bill" b join "FeeItem" f on f."tenantId" = b."tenantId" and f."id" = b."feeItemId"
    where b."tenantId" = ${tenantId} and b."runId" = ${id}
    group by b."feeItemId", f."name" order by f."name"`;
  return { ...showRun(r), items: byItem.map((i) => ({ feeItemId: i.feeItemId, name: i.name, bills: i.bills, totalFen: Number(i.total), voided: i.voided })) };
}

/** The amount a run would bill one object for one item and period now (for corrections). */
export async function quoteRegularAmount(
  db: TenantDb,
  tenantId: string,
  q: { feeItemId: string; objectId: string; period: string },
): Promise<{ amountFen: number } | { reason: SkipCode; message: string }> {
  const plan = await planRun(db, tenantId, { period: q.period, feeItemIds: [q.feeItemId] });
  const item = plan.items[0]!;
  const message = (reason: SkipCode) => SKIP_TEXT[reason]({ period: q.period, cycle: item.cycle, next: addMonths(cycleStart(q.period, item.cycle), item.months) });
  if (item.skip) return { reason: item.skip, message: item.skipText! };
  if (item.calc === 'METERED') {
    const [m] = await meteredCandidates(db, tenantId, plan, [item], { preview: false, onlyObjectId: q.objectId });
    if (!m) return { reason: 'STATUS_NOT_IN_SCOPE', message: 'the object is not in the fee item’s scope' };
    // The key's own void bill is what is being corrected: only real reasons count here.
    if (m.reason && m.reason !== 'VOIDED') return { reason: m.reason, message: message(m.reason) };
    return { amountFen: m.amountFen };
  }
  const rows = await db.$queryRaw<{ amount_fen: bigint | null; reason: SkipCode | null }[]>`
    ${areaCandidates(tenantId, plan, [item], { preview: false, onlyObjectId: q.objectId })}
    select amount_fen, reason from cand`;
  const r = rows[0];
  if (!r) return { reason: 'STATUS_NOT_IN_SCOPE', message: 'the object is not in the fee item’s scope' };
  if (r.reason && r.reason !== 'VOIDED') return { reason: r.reason, message: message(r.reason) };
  return { amountFen: Number(r.amount_fen) };
}

