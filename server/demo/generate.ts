// The demo at any size (#16): a company's register, bills, payments and work orders generated
// set-based in PostgreSQL, with a planted relationship between service quality and payment.
// `npm run demo:generate` (scripts/demo-generate.ts) runs it; the default seed and the reports
// benchmark may call `generateDemo` too.
//
// How it is built: every row is an INSERT … SELECT over generate_series and small temporary plan
// tables, each random choice a seeded hash of the row's ordinal numbers (pg_temp.u: hashint8extended
// of (key, seed), uniform in [0, 1)), so a seed gives the same history on every run and nothing is
// sent row by row; ids are uuid-shaped (version 7 like the app's) with the row's ordinals last, and
// the big tables are filled in id order, so their primary keys grow at the end. It writes as the
// connection it is given (the database owner: row-level security does not apply to it, every
// constraint, key and index does) in ONE transaction: a failure leaves nothing behind. With
// `fastLoad` the big tables' secondary indexes and foreign keys (and the rollup event tables' primary keys) are dropped and re-created
// (validated) inside that transaction, PostgreSQL's bulk-load advice.
//
// What it plants (DOMAIN.md "The relationship"): each community gets a service level, set so
// that its expected service quality index (server/shared/quality-index.ts, default weights) is a
// target spread evenly over 40–90; its work orders are drawn with that level's rates (first
// response and resolution within the SLA, reopens, cancellations, ratings). A unit pays a
// period's bill by the period's end with probability
//   P = base + β × (index − 70) / 10  (β in percentage points, clamped to [0.02, 0.99])
// moved by ± gap/2 for a unit with a good / bad service experience in the last 6 months (every
// rating ≥ 4 and no breach or reopen / any rating ≤ 2, breach or reopen), centred within the
// community, so that β alone sets the community-level slope and `gap` the household gap.
// Units are habitual payers or not (a draw shared across periods 60 % of the time), unpaid bills
// are partly paid later (arrears recovery, a long tail), some never.
//
// Money follows the app's rules: bill amount = round_half_up(area × price × factor) (vacant 0.7),
// one regular bill per (unit, item, period) from a billing run per period, due on the 15th;
// a payment per (payer, day) settles whole bills (Bill.paidFen = Σ allocations, Payment.amountFen
// = Σ its allocations); receipts numbered per company and year of the entry date, gapless,
// continuing the company's ReceiptCounter; countedOn = the received day unless it is day-closed
// (日结), then the first open day (DOMAIN.md "Dates of money"). Work orders follow the state
// machine's outcomes: deadlines from the item's targets × priority (slaDeadlines), outcomes
// decided from the timestamps exactly as the app decides them (first response met iff responded by
// its deadline; resolution met iff the FIRST completion was by its deadline; an open clock past
// its deadline is breached), a creation and a closing event (plus complete/reopen for reopens).
import type pg from 'pg';
import { createHash } from 'node:crypto';
import { mulberry32 } from '../shared/statistics';
import { qualityIndex } from '../shared/quality-index';
import { DEFAULT_SLA, EMERGENCY_SLA } from '../shared/sla';
import { sqlBillAmount } from '../shared/money';
import { ONLINE_ACTOR_ID } from '../shared/system-actors';

/** What the generator needs of a connection: pg's Client / PoolClient, or an adapter (e.g. over a Prisma transaction). */
export interface SqlClient {
  query<R extends pg.QueryResultRow = pg.QueryResultRow>(sql: string, params?: unknown[]): Promise<{ rows: R[]; rowCount: number | null }>;
}

export interface GenerateOptions {
  tenantId: string;
  /** the admin recorded as having run the billing and created the catalogue */
  adminUserId: string;
  units: number;
  months: number;
  seed: number;
  /** β: percentage points of payment probability per 10 index points (default 5) */
  effect?: number;
  /** default max(12, units / 500) */
  communities?: number;
  /** base payment probability at index 70 (default 0.85) */
  base?: number;
  /** household gap in percentage points between good and bad service experience (default 6) */
  gap?: number;
  /** share of units with a parking space billed monthly (default 0) */
  parking?: number;
  /** work orders per unit and month (default 0.125: 300,000 for 100,000 units × 24 months) */
  ordersPerUnitMonth?: number;
  /** "now" (default: the database's now()); the periods end the month before it */
  now?: Date;
  /** progress: the step starting, and the seconds the previous step took (null for the first) */
  onProgress?: (done: number, total: number, step: string, previous: { step: string; seconds: number } | null) => void;
  /**
   * The caller holds the transaction (begin/commit are its own, e.g. the demo seed inside a
   * Prisma transaction as the app role under row-level security): no begin, commit or analyze here.
   */
  inTransaction?: boolean;
  /**
   * Work orders are assigned to the company's own active STAFF members and counter payments
   * entered by its CASHIER members (the demo: its named staff), instead of new generated ones.
   */
  existingStaff?: boolean;
  /**
   * 回访: the closed orders nobody rated are rated by the office on the phone within 2 days of
   * closing (ratedByPhone, a 'rating' event), as a company that works its return-visit queue
   * (the demo) — the queue then holds only what is not yet due. Default false.
   */
  returnVisits?: boolean;
  /**
   * Bulk load (for a database nobody else is using, e.g. the CLI's throwaway one): inside the
   * transaction, drop the secondary indexes and the foreign keys of the big tables, load, then
   * re-create every one of them from its catalog definition before the commit (re-adding a
   * foreign key validates all rows in one query; a unique index re-checks uniqueness), as
   * PostgreSQL's "Populating a Database" advises; their triggers (the report rollups', rebuilt
   * at the end) are disabled and enabled again the same way. Other sessions never see the
   * tables without them (DDL is transactional; they wait on the tables' locks). Default false:
   * constraints and indexes are checked row by row as usual.
   */
  fastLoad?: boolean;
}

/**
 * Tables filled in the order of their keys (a bill's unit, period, run; a payment's payer and
 * day; an allocation's bill and payment): a bulk load keeps their btree indexes, each row landing
 * at the end of its key's run in a page still in memory, which costs less than sorting millions
 * of rows again for each index after the load (npm run demo:generate, 30,000 units × 24 months
 * on a busy 2-core machine: 166 s against 297 s). The receipt number's index is dropped all the
 * same (receipts follow entry time, not the payer).
 */
const KEEP_BTREES = ['Bill', 'Payment', 'PaymentAllocation', 'CheckoutIntent', 'CheckoutIntentLine', 'OnlineCharge'];

/**
 * The report rollups' per-bill and per-unit event tables: a bulk load drops even their primary
 * keys and builds them after the load with the other indexes. Written in one statement each
 * (millions of rows at 100,000 units), they cost more kept than built: at 20,000 units the
 * 910,000 BillEvent rows took 11.7 s into the table with its keys, 1.0 s without and 3.4 s to
 * build both keys afterwards. Nothing of the load needs them (no ON CONFLICT on these tables).
 */
const BUILD_KEYS_AFTER = ['BillEvent', 'UnitPeriodEvent', 'UnitRangeEvent'];

/** The tables a bulk load rebuilds (their outgoing foreign keys, and non-primary indexes but KEEP_BTREES' btrees). */
const BULK_TABLES = [
  'Bill',
  'Payment',
  'PaymentAllocation',
  'CheckoutIntent',
  'CheckoutIntentLine',
  'OnlineCharge',
  'WorkOrder',
  'WorkOrderEvent',
  'Resident',
  'Unit',
  'Membership',
  // the report rollups (written after the load, before the indexes are built)
  'BillEvent',
  'UnitPeriodEvent',
  'UnitRangeEvent',
  'RateDay',
  'RateMonth',
  'WorkOrderFact',
];

export interface CommunityPlan {
  id: string;
  name: string;
  /** the planted quality index: the expected index of the level's order rates */
  plantedIndex: number;
  /** P(pay) before the household adjustment */
  payProbability: number;
  level: number;
}

export interface GenerateResult {
  tenantId: string;
  firstPeriod: string;
  lastPeriod: string;
  communities: CommunityPlan[];
  counts: {
    communities: number;
    buildings: number;
    units: number;
    residents: number;
    users: number;
    parkingSpaces: number;
    bills: number;
    payments: number;
    allocations: number;
    workOrders: number;
    workOrderEvents: number;
    /** online payments: a CheckoutIntent (SUCCEEDED, with its lines) and an OnlineCharge each */
    onlineCharges: number;
  };
  billedFen: number;
  paidFen: number;
  seconds: number;
  /** seconds per step */
  steps: Record<string, number>;
}

// ── service levels ──────────────────────────────────────────────────────────────────────────

/** A community's order rates at service level L ∈ [0, 1]. */
export function levelRates(L: number) {
  return {
    cancel: 0.2 - 0.17 * L,
    firstResponseMet: 0.2 + 0.7 * L,
    resolutionMet: 0.15 + 0.75 * L,
    reopen: 0.3 - 0.25 * L,
    /** a rating is 4–5 with this probability, else 1–3 */
    high: 0.1 + 0.8 * L,
    /** P(5 | 4–5) */
    five: 0.25 + 0.5 * L,
    /** 1–3 is 1 + Bin(2, low) */
    low: 0.15 + 0.6 * L,
  };
}
/** Share of closed orders rated. */
const RATED = 0.7;
/** Resolution-time ratios to the target: met U(0.2, 0.95), breached U(1.05, 2.55). */
const MET_LO = 0.2;
const MET_SPAN = 0.75;
const LATE_LO = 1.05;
const LATE_SPAN = 1.5;

/** The expected quality index (default weights) of orders drawn at level L. */
export function expectedIndex(L: number): number {
  const r = levelRates(L);
  const meanRating = r.high * (4 + r.five) + (1 - r.high) * (1 + 2 * r.low);
  const p = r.resolutionMet;
  // median resolution time ÷ target of the mixture met U(·) / breached U(·)
  const medianRatio = p >= 0.5 ? MET_LO + MET_SPAN * (0.5 / p) : LATE_LO + LATE_SPAN * ((0.5 - p) / (1 - p));
  return qualityIndex({
    meanRating,
    csatShare: r.high,
    firstResponseShare: r.firstResponseMet,
    resolutionShare: r.resolutionMet,
    reopenRate: r.reopen,
    cancellationRate: r.cancel,
    medianResolveMs: medianRatio,
    resolveTargetMs: 1,
  }).index!;
}

/** The level whose expected index is `target` (bisection; the index rises with the level). */
export function levelForIndex(target: number): number {
  let lo = 0;
  let hi = 1;
  for (let i = 0; i < 50; i++) {
    const mid = (lo + hi) / 2;
    if (expectedIndex(mid) < target) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

export const clampProbability = (p: number) => Math.min(0.99, Math.max(0.02, p));

/** P(pay) of a community with quality index `index`: base + β × (index − 70) / 10 (β in points). */
export const payProbability = (index: number, base: number, effect: number) => clampProbability(base + (effect / 100) * ((index - 70) / 10));

// ── names ───────────────────────────────────────────────────────────────────────────────────

const COMMUNITY_NAMES = [
  '翠竹园',
  '锦绣花园',
  '阳光小区',
  '和平里',
  '幸福家园',
  '金桥新村',
  '枫林苑',
  '桂花里',
  '东湖小区',
  '梅园新村',
  '紫金城',
  '秦淮人家',
  '玄武湖畔',
  '莫愁新寓',
  '清凉门小区',
  '龙江新城',
  '仙林雅苑',
  '江宁府邸',
  '栖霞山庄',
  '鼓楼花园',
];
const DISTRICTS = ['华侨路街道', '湖南路街道', '宁海路街道', '江东街道', '挹江门街道', '凤凰街道'];
const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '赵', '黄', '周', '吴', '徐', '孙', '胡', '朱', '高', '林', '何', '郭', '马', '罗'];
const GIVEN = ['伟', '芳', '娜', '秀英', '敏', '静', '丽', '强', '磊', '军', '洋', '勇', '艳', '杰', '娟', '涛', '明', '超', '秀兰', '霞'];
const DETAILS = ['已经两天了', '今天早上发现的', '情况比较急', '家里有老人', '晚上七点后在家', '周末上午方便', '麻烦尽快处理', '上次修过又坏了'];

/** The minimal catalogue for a company without one: one free item per category (SLA: minutes, hours). */
const MINIMAL_CATALOGUE: [string, string, string, number, number][] = [
  ['针线缝补', 'sewing', '钉纽扣', 60, 24],
  ['小修小补', 'repair', '更换灯泡', 60, 24],
  ['日常必需', 'daily', '工具借用', 60, 24],
  ['应急维修', 'emergency', '停电抢修', 30, 8],
  ['公共报修', 'common', '楼道灯维修', 60, 24],
  ['投诉建议', 'complaint', '投诉', 120, 72],
];

const sqlText = (s: string) => `'${s.replace(/'/g, "''")}'`;
const sqlTextArray = (xs: string[]) => `array[${xs.map(sqlText).join(',')}]::text[]`;

function checkInt(name: string, v: number, min: number, max: number) {
  if (!Number.isSafeInteger(v) || v < min || v > max) throw new RangeError(`${name} must be an integer in [${min}, ${max}], got ${v}`);
}
function checkNum(name: string, v: number, min: number, max: number) {
  if (!Number.isFinite(v) || v < min || v > max) throw new RangeError(`${name} must be a number in [${min}, ${max}], got ${v}`);
}

const monthsBack = (period: string, k: number) => {
  const [y, m] = period.split('-').map(Number) as [number, number];
  const t = y * 12 + (m - 1) - k;
  return `${Math.floor(t / 12)}-${String((t % 12) + 1).padStart(2, '0')}`;
};

// ── the generator ───────────────────────────────────────────────────────────────────────────

/**
 * Generates the demo history into the company `tenantId` (which must exist, with the admin
 * `adminUserId`), in one transaction on `client` (the owner's connection; nothing else may be
 * running on it). Returns what it planted and counts.
 */
export async function generateDemo(client: SqlClient, o: GenerateOptions): Promise<GenerateResult> {
  const started = performance.now();
  const N = o.units;
  const M = o.months;
  const effect = o.effect ?? 5;
  const base = o.base ?? 0.85;
  const gap = o.gap ?? 6;
  const parking = o.parking ?? 0;
  const perUnitMonth = o.ordersPerUnitMonth ?? 0.125;
  const C = o.communities ?? Math.max(12, Math.floor(N / 500));
  checkInt('units', N, 1, 5_000_000);
  checkInt('months', M, 1, 120);
  checkInt('seed', o.seed, 0, 2 ** 31 - 1);
  checkInt('communities', C, 1, Math.min(N, 10_000));
  checkNum('effect', effect, -50, 50);
  checkNum('base', base, 0, 1);
  checkNum('gap', gap, 0, 50);
  checkNum('parking', parking, 0, 1);
  checkNum('ordersPerUnitMonth', perUnitMonth, 0, 10);

  const STEPS: [string, number][] = [
    ['setup', 1],
    ['register', 3],
    ['residents', 4],
    ['catalogue', 1],
    ['work orders', 8],
    ['order events', 5],
    ['experience', 3],
    ['bill plan', 8],
    ['bills', 30],
    ['payments', 18],
    ['allocations', 14],
    ['finish', 2],
    ['rollups', 30],
    ['rebuild', o.fastLoad ? 40 : 0],
    ['analyze', o.inTransaction ? 0 : 3],
  ];
  const totalWeight = STEPS.reduce((s, [, w]) => s + w, 0);
  let doneWeight = 0;
  let stepIndex = 0;
  // seconds per step, in order (the result's `steps`; the progress reports each as it ends)
  const steps: Record<string, number> = {};
  let current: { step: string; t0: number } | null = null;
  const endStep = () => {
    if (!current) return null;
    const seconds = Number(((performance.now() - current.t0) / 1000).toFixed(2));
    steps[current.step] = (steps[current.step] ?? 0) + seconds;
    return { step: current.step, seconds };
  };
  const step = (name: string) => {
    const previous = endStep();
    current = { step: name, t0: performance.now() };
    while (stepIndex < STEPS.length && STEPS[stepIndex]![0] !== name) doneWeight += STEPS[stepIndex++]![1];
    o.onProgress?.(doneWeight, totalWeight, name, previous);
  };
  const trace = process.env.DEMO_TRACE === '1';
  const q = async <R extends pg.QueryResultRow = pg.QueryResultRow>(sql: string, params: unknown[] = []) => {
    const t0 = performance.now();
    const r = await client.query<R>(sql, params);
    if (trace) process.stderr.write(`\n${(performance.now() - t0).toFixed(0).padStart(7)} ms  ${r.rowCount ?? ''}  ${sql.replace(/\s+/g, ' ').slice(0, 90)}`);
    return r;
  };

  if (!o.inTransaction) await q('begin');
  try {
    step('setup');
    // Session settings for this transaction only. temp_buffers (the temporary plan tables' own
    // buffers, 8 MB by default) can only be raised before the session's first temporary table:
    // a savepoint keeps a refusal from aborting the transaction.
    const big = N * M >= 200_000;
    await q(`set local synchronous_commit = off`);
    // the report rollups' triggers are off for the load; one rebuild at the end (step 'rollups')
    const rollups = (await q<{ ok: boolean }>(`select to_regprocedure('linli_rollup_rebuild(text)') is not null as ok`)).rows[0]!.ok;
    if (rollups) await q(`set local linli.rollup_skip = 'on'`);
    await q(`set local work_mem = '${big ? '1GB' : '64MB'}'`);
    await q(`set local maintenance_work_mem = '${big ? '1GB' : '64MB'}'`);
    const trySet = async (sql: string) => {
      await q('savepoint g_setting');
      try {
        await q(sql);
        await q('release savepoint g_setting');
      } catch {
        await q('rollback to savepoint g_setting');
      }
    };
    if (big) {
      await trySet(`set local temp_buffers = '2GB'`);
      // full-page images in the WAL compressed (an index build writes whole pages): superusers only, lz4 where built in
      if ((await q<{ su: string }>(`select current_setting('is_superuser') as su`)).rows[0]!.su === 'on') await trySet(`set local wal_compression = lz4`);
    }
    const T = o.tenantId;
    const [ctx] = (
      await q<{ tz: string; now: Date; today: string; units: number; users: number; lastno: number | null }>(
        `select t."timeZone" as tz, coalesce($2::timestamptz, now()) as now,
                to_char(coalesce($2::timestamptz, now()) at time zone t."timeZone", 'YYYY-MM-DD') as today,
                (select count(*)::int from "Unit" u where u."tenantId" = t.id) as units,
                (select count(*)::int from "User" x where x.phone like '15%') as users,
                (select "last" from "WorkOrderCounter" w where w."tenantId" = t.id) as lastno
         from "Tenant" t where t.id = $1`,
        [T, o.now ?? null],
      )
    ).rows;
    if (!ctx) throw new Error(`no company ${T}`);
    const tz = ctx.tz;
    const today = ctx.today;
    const lastPeriod = monthsBack(today.slice(0, 7), 1);
    const firstPeriod = monthsBack(lastPeriod, M - 1);
    const closed = await q(`select period from "PeriodClose" where "tenantId" = $1 and period >= $2 order by period limit 1`, [T, firstPeriod]);
    if (closed.rowCount) throw new Error(`the company has closed the period ${closed.rows[0]!.period}: cannot generate history into it`);
    const tag = `${T}.${o.seed}.${ctx.units}`;
    const unitOffset = ctx.users; // phones continue after the 15… numbers already taken
    // ids: uuid-shaped, version 7 like the app's, a prefix per (company, run, kind) and the row's
    // ordinals in the last 12 hex digits: rows inserted in ordinal order append to the primary key
    const id = (kind: string, ...parts: string[]) => {
      const h = createHash('md5').update(`${tag}:${kind}`).digest('hex');
      const prefix = `${h.slice(0, 8)}-${h.slice(8, 12)}-7${h.slice(12, 15)}-8${h.slice(15, 18)}-`;
      const ordinal = parts.reduce((acc, p, i) => (i === 0 ? `(${p})::bigint` : `(${acc}) * ${i === 1 ? 65536 : 4} + (${p})`), '');
      return `('${prefix}' || lpad(to_hex(${ordinal}), 12, '0'))`;
    };

    await q(`create or replace function pg_temp.u(k bigint, t int) returns float8 language sql immutable parallel safe as
             $$ select (hashint8extended(k, ${o.seed}::bigint * 1000 + t) & 9007199254740991)::float8 / 9007199254740992.0 $$`);
    const u = (key: string, t: number) => `pg_temp.u((${key})::bigint, ${t})`;

    // periods
    await q(
      `create temp table g_period on commit drop as
       select m, p.period, p.first, (p.first + interval '1 month' - interval '1 day')::date as last,
              (p.first + 14)::date as due,
              (p.first::timestamp at time zone $3) as start_at,
              ((p.first + interval '1 month')::timestamp at time zone $3) as end_at,
              ((p.first + time '09:00') at time zone $3) as bill_at
       from generate_series(0, $2::int - 1) m,
            lateral (select to_char(($1::date + make_interval(months => m)), 'YYYY-MM') as period, ($1::date + make_interval(months => m))::date as first) p`,
      [`${firstPeriod}-01`, M, tz],
    );

    // communities: targets spread evenly over 40–90, shuffled, jittered
    const random = mulberry32(o.seed);
    const order = Array.from({ length: C }, (_, k) => k);
    for (let i = C - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [order[i], order[j]] = [order[j]!, order[i]!];
    }
    const existingCommunities = Number((await q(`select count(*)::int as n from "Community" where "tenantId" = $1`, [T])).rows[0]!.n);
    const plans = order.map((rank, k) => {
      const target = 40 + (50 * (rank + 0.25 + 0.5 * random())) / C;
      const level = levelForIndex(target);
      const plantedIndex = expectedIndex(level);
      const n = existingCommunities + k;
      const name = `${COMMUNITY_NAMES[n % COMMUNITY_NAMES.length]}${n >= COMMUNITY_NAMES.length ? `${Math.floor(n / COMMUNITY_NAMES.length) + 1}期` : ''}`;
      return { k, name, level, plantedIndex, payProbability: payProbability(plantedIndex, base, effect), district: DISTRICTS[n % DISTRICTS.length]! };
    });
    await q(
      `create temp table g_comm on commit drop as
       select k, ${id('c', 'k')} as id, name, district, lvl, idx, p from unnest($1::int[], $2::text[], $3::text[], $4::float8[], $5::float8[], $6::float8[]) as x(k, name, district, lvl, idx, p)`,
      [
        plans.map((p) => p.k),
        plans.map((p) => p.name),
        plans.map((p) => p.district),
        plans.map((p) => p.level),
        plans.map((p) => p.plantedIndex),
        plans.map((p) => p.payProbability),
      ],
    );
    await q(
      `insert into "Community" ("tenantId", id, name, address, district, "createdAt", "updatedAt")
       select $1, id, name, '南京市' || district || k + 1 || '号', district, now(), now() from g_comm`,
      [T],
    );

    // bulk load: the definitions to re-create, then the drops (see GenerateOptions.fastLoad)
    let rebuild: string[] = [];
    const bulkTables = (await q<{ t: string }>(`select t from unnest($1::text[]) as t where to_regclass(format('%I', t)) is not null`, [BULK_TABLES])).rows.map(
      (r) => r.t,
    );
    if (o.fastLoad) {
      const fks = await q<{ tbl: string; name: string; def: string }>(
        `select conrelid::regclass::text as tbl, conname as name, pg_get_constraintdef(oid) as def from pg_constraint
         where contype = 'f' and conrelid = any($1::regclass[]) order by conrelid, conname`,
        [bulkTables.map((x) => `"${x}"`)],
      );
      const idx = await q<{ name: string; def: string }>(
        `select indexrelid::regclass::text as name, pg_get_indexdef(indexrelid) as def from pg_index i
         where indrelid = any($1::regclass[]) and not indisprimary
           and not exists (select 1 from pg_constraint c where c.conindid = i.indexrelid)
           and not (indrelid = any($2::regclass[]) and (select amname from pg_am a join pg_class x on x.relam = a.oid where x.oid = i.indexrelid) = 'btree'
                    and indexrelid::regclass::text <> '"Payment_tenantId_receiptYear_receiptNo_key"')
         order by indrelid, indexrelid`,
        [bulkTables.map((x) => `"${x}"`), KEEP_BTREES.filter((x) => bulkTables.includes(x)).map((x) => `"${x}"`)],
      );
      const pks = await q<{ tbl: string; name: string; def: string }>(
        `select conrelid::regclass::text as tbl, conname as name, pg_get_constraintdef(oid) as def from pg_constraint
         where contype = 'p' and conrelid = any($1::regclass[]) order by conrelid, conname`,
        [BUILD_KEYS_AFTER.filter((x) => bulkTables.includes(x)).map((x) => `"${x}"`)],
      );
      for (const f of fks.rows) await q(`alter table ${f.tbl} drop constraint "${f.name}"`);
      for (const p of pks.rows) await q(`alter table ${p.tbl} drop constraint "${p.name}"`);
      for (const i of idx.rows) await q(`drop index ${i.name}`);
      // the report rollups' triggers too (rebuilt at the end): even skipped, a statement trigger
      // with a transition table keeps a copy of every row inserted, and a row trigger is a call per row
      const triggers = await q<{ tbl: string; name: string }>(
        `select tgrelid::regclass::text as tbl, tgname as name from pg_trigger
         where tgrelid = any($1::regclass[]) and not tgisinternal and tgenabled = 'O' order by tgrelid, tgname`,
        [bulkTables.map((x) => `"${x}"`)],
      );
      for (const t of triggers.rows) await q(`alter table ${t.tbl} disable trigger "${t.name}"`);
      rebuild = [
        ...pks.rows.map((p) => `alter table ${p.tbl} add constraint "${p.name}" ${p.def}`),
        ...idx.rows.map((i) => i.def),
        ...fks.rows.map((f) => `alter table ${f.tbl} add constraint "${f.name}" ${f.def}`),
        ...triggers.rows.map((t) => `alter table ${t.tbl} enable trigger "${t.name}"`),
      ];
    }

    step('register');
    // units: round-robin over communities; 2 entrances × 18 floors × 2 per building
    await q(
      `create temp table g_unit on commit drop as
       select n, n % ${C} as k, n / ${C} as j, ${id('u', 'n')} as id,
              5500 + floor(${u('n', 1)} * 9000)::int as area_h,
              ${u('n', 2)} < 0.08 as vacant, ${u('n', 3)} as habit, ${u('n', 4)} < ${parking} as has_parking
       from generate_series(0, ${N - 1}) n`,
    );
    await q(`alter table g_unit add primary key (n)`);
    // temporary tables are never analyzed by autovacuum: their statistics, for the joins' plans
    await q(`analyze g_unit`);
    await q(
      `insert into "Building" ("tenantId", id, "communityId", name, "createdAt", "updatedAt")
       select $1, ${id('b', 'gu.k', 'gu.b')}, c.id, gu.b + 1 || '号楼', now(), now()
       from (select distinct k, j / 72 as b from g_unit) gu join g_comm c using (k)`,
      [T],
    );
    await q(
      `insert into "Unit" ("tenantId", id, "communityId", "buildingId", entrance, number, floor, area, status, "createdAt", "updatedAt")
       select $1, g.id, c.id, ${id('b', 'g.k', 'g.j / 72')}, (g.j % 72) / 36 + 1 || '单元', (((g.j % 36) / 2 + 1) * 100 + g.j % 2 + 1)::text, (g.j % 36) / 2 + 1,
              (g.area_h / 100.0)::numeric(10, 2), (case when g.vacant then 'VACANT' else 'OCCUPIED' end)::"UnitStatus", now(), now()
       from g_unit g join g_comm c using (k) order by g.n`,
      [T],
    );

    step('residents');
    // owners: a user account (signs in by phone) and a resident; a fifth of units an occupant too.
    // Phones: 15… for owners, 18… for occupants, 9 digits a bijection of the unit's ordinal.
    const phone = (prefix: string) => `'${prefix}' || lpad(((g.n + ${unitOffset})::bigint * 611953 % 1000000000)::text, 9, '0')`;
    const personName = (t: number) =>
      `(${sqlTextArray(SURNAMES)})[1 + floor(${u('g.n', t)} * ${SURNAMES.length})::int] || (${sqlTextArray(GIVEN)})[1 + floor(${u('g.n', t + 1)} * ${GIVEN.length})::int]`;
    await q(
      `create temp table g_owner on commit drop as select g.n, ${id('usr', 'g.n')} as user_id, ${phone('15')} as phone, ${personName(10)} as name from g_unit g`,
    );
    await q(
      `insert into "User" (id, phone, name, locale, "createdAt") select user_id, phone, name, 'zh-CN', now() from g_owner order by n on conflict do nothing`,
    );
    // a phone taken by an earlier account leaves that owner without one
    await q(`delete from g_owner o where not exists (select 1 from "User" x where x.id = o.user_id)`);
    await q(`analyze g_owner`);
    await q(
      `insert into "Membership" ("tenantId", id, "userId", role, "createdAt") select $1, ${id('mr', 'o.n')}, o.user_id, 'RESIDENT', now() from g_owner o`,
      [T],
    );
    await q(
      `insert into "Resident" ("tenantId", id, "unitId", name, phone, kind, "userId", "createdAt", "updatedAt")
       select $1, ${id('r', 'g.n')}, g.id, ${personName(10)}, ${phone('15')}, 'OWNER'::"ResidentKind", o.user_id, now(), now()
       from g_unit g left join g_owner o using (n)
       union all
       select $1, ${id('r2', 'g.n')}, g.id, ${personName(12)}, ${phone('18')}, 'OCCUPANT'::"ResidentKind", null, now(), now()
       from g_unit g where ${u('g.n', 14)} < 0.2`,
      [T],
    );
    // staff (work orders) and cashiers (counter payments): generated, or the company's own
    let staffCount = Math.max(6, Math.ceil(C / 2));
    let newStaff = staffCount + 2;
    if (o.existingStaff) {
      await q(
        `create temp table g_staff on commit drop as
         select row_number() over (order by m.role, m."createdAt", m.id) - 1 as s, m."userId" as user_id, m.id as member_id, m.role::text as role
         from "Membership" m where m."tenantId" = $1 and m.status = 'ACTIVE' and m.role in ('STAFF', 'CASHIER')`,
        [T],
      );
      const have = (
        await q<{ staff: number; cashiers: number }>(
          `select count(*) filter (where role = 'STAFF')::int as staff, count(*) filter (where role = 'CASHIER')::int as cashiers from g_staff`,
        )
      ).rows[0]!;
      if (!have.staff || !have.cashiers) throw new Error('existingStaff: the company needs at least one active STAFF and one CASHIER member');
      staffCount = have.staff;
      newStaff = 0;
    } else {
      await q(
        `create temp table g_staff on commit drop as
         select s, ${id('su', 's')} as user_id, ${id('sm', 's')} as member_id, case when s < 2 then 'CASHIER' else 'STAFF' end as role
         from generate_series(0, ${staffCount + 1}) s`,
      );
      await q(
        `insert into "User" (id, email, name, locale, "createdAt")
         select user_id, 'demo-' || substr(md5(user_id), 1, 12) || '@example.test', (${sqlTextArray(SURNAMES)})[1 + s % ${SURNAMES.length}] || case when role = 'CASHIER' then '会计' else '师傅' end, 'zh-CN', now()
         from g_staff`,
      );
      await q(
        `insert into "Membership" ("tenantId", id, "userId", role, dispatcher, "createdAt")
         select $1, member_id, user_id, role::"Role", s = 2, now() from g_staff`,
        [T],
      );
    }
    const cashierCount = Number((await q<{ n: number }>(`select count(*)::int as n from g_staff where role = 'CASHIER'`)).rows[0]!.n);
    await q(
      `create temp table g_worker on commit drop as select row_number() over (order by s) - 1 as w, user_id, member_id from g_staff where role = 'STAFF'`,
    );
    await q(`create temp table g_cashier on commit drop as select row_number() over (order by s) - 1 as w, user_id from g_staff where role = 'CASHIER'`);

    let parkingSpaces = 0;
    if (parking > 0) {
      const r = await q(
        `insert into "ParkingSpace" ("tenantId", id, "communityId", number, "unitId", "createdAt", "updatedAt")
         select $1, ${id('ps', 'g.n')}, c.id, 'P' || lpad((g.j + 1)::text, 5, '0'), g.id, now(), now()
         from g_unit g join g_comm c using (k) where g.has_parking`,
        [T],
      );
      parkingSpaces = r.rowCount ?? 0;
    }

    step('catalogue');
    const cats = Number((await q(`select count(*)::int as n from "ServiceCategory" where "tenantId" = $1 and "archivedAt" is null`, [T])).rows[0]!.n);
    if (cats === 0) {
      for (const [i, [cat, kind, item, fr, rh]] of MINIMAL_CATALOGUE.entries()) {
        await q(
          `insert into "ServiceCategory" ("tenantId", id, name, kind, "sortOrder", "createdAt", "updatedAt") values ($1, ${id('k', String(i))}, $2, $3, $4, now(), now())
           on conflict ("tenantId", name) do nothing`,
          [T, cat, kind, i],
        );
        await q(
          `insert into "ServiceItem" ("tenantId", id, "categoryId", name, "firstResponseMinutes", "resolveHours", "defaultPriority", "communityIds", skills, "createdAt", "updatedAt")
           select $1, ${id('i', String(i))}, k.id, $2, $3, $4, $5::"WorkOrderPriority", '{}', '{}', now(), now() from "ServiceCategory" k where k."tenantId" = $1 and k.name = $6
           on conflict ("tenantId", "categoryId", name) do nothing`,
          [T, item, fr, rh, kind === 'emergency' ? 'URGENT' : 'NORMAL', cat],
        );
      }
    }
    // the pool orders are drawn from: free items (no service bill to make), and an itemless
    // order per emergency / complaint / common category (emergency or default SLA targets)
    await q(
      `create temp table g_item on commit drop as
       select row_number() over (order by x.sort, x.item_id nulls last) - 1 as r, x.* from (
         select k."sortOrder" as sort, k.id as category_id, k.kind, i.id as item_id, i.name,
                i."firstResponseMinutes" as fr_min, i."resolveHours" as res_h,
                case i."defaultPriority" when 'URGENT' then 0.5 when 'LOW' then 2 else 1 end as f, i."defaultPriority"::text as priority
         from "ServiceItem" i join "ServiceCategory" k on k."tenantId" = i."tenantId" and k.id = i."categoryId"
         where i."tenantId" = $1 and i."priceModel" = 'FREE' and i."archivedAt" is null and k."archivedAt" is null
           and (cardinality(i."communityIds") = 0)
         union all
         select k."sortOrder", k.id, k.kind, null, k.name,
                case when k.kind = 'emergency' then ${EMERGENCY_SLA.firstResponseMinutes} else ${DEFAULT_SLA.firstResponseMinutes} end,
                case when k.kind = 'emergency' then ${EMERGENCY_SLA.resolveHours} else ${DEFAULT_SLA.resolveHours} end, 1, 'NORMAL'
         from "ServiceCategory" k where k."tenantId" = $1 and k."archivedAt" is null and k.kind in ('emergency', 'complaint', 'common')
       ) x`,
      [T],
    );
    const poolSize = Number((await q(`select count(*)::int as n from g_item`)).rows[0]!.n);
    if (poolSize === 0) throw new Error('the company has no free service item to draw work orders from');

    step('work orders');
    const O = Math.round(N * M * perUnitMonth);
    const workers = staffCount;
    // the timeline of each order as planned, then its state as of now
    await q(
      `create temp table g_plan on commit drop as
       select i, n, g.k, m, it.*, c.lvl,
              pe.start_at + ${u('i', 5)} * (pe.end_at - pe.start_at) as created,
              ${u('i', 6)} < (0.2 - 0.17 * c.lvl) as cancelled, ${u('i', 18)} < 0.5 as cancel_early,
              ${u('i', 7)} < (0.2 + 0.7 * c.lvl) as fr_ok, ${u('i', 8)} as fr_u,
              ${u('i', 9)} < (0.15 + 0.75 * c.lvl) as res_ok, ${u('i', 10)} as res_u,
              ${u('i', 11)} < (0.3 - 0.25 * c.lvl) as reopen, ${u('i', 12)} < ${RATED} as rated, ${u('i', 13)} < 0.5 as confirm_unrated,
              ${u('i', 15)} < (0.1 + 0.8 * c.lvl) as high,
              (${u('i', 16)} < (0.25 + 0.5 * c.lvl))::int as five,
              (${u('i', 16)} < (0.15 + 0.6 * c.lvl))::int + (${u('i', 17)} < (0.15 + 0.6 * c.lvl))::int as low,
              ${u('i', 19)} as t19, ${u('i', 20)} as t20, ${u('i', 21)} as t21, ${u('i', 22)} as t22,
              floor(${u('i', 23)} * ${workers})::int as w
       from (select i, floor(${u('i', 1)} * ${N})::int as n, floor(${u('i', 2)} * ${M})::int as m, floor(${u('i', 4)} * ${poolSize})::int as r
             from generate_series(0, ${O - 1}) i) x
       join g_unit g using (n) join g_comm c on c.k = g.k join g_period pe using (m) join g_item it using (r)`,
    );
    await q(
      `create temp table g_t on commit drop as
       select p.*, p.created + p.fr_min * p.f * interval '1 minute' as fr_due, p.created + p.res_h * p.f * interval '1 hour' as res_due,
              p.created + p.fr_min * p.f * interval '1 minute' * (case when p.fr_ok then 0.1 + 0.85 * p.fr_u else 1.05 + 2 * p.fr_u end) as fr_at
       from g_plan p`,
    );
    await q(
      `create temp table g_t2 on commit drop as
       select t.*, greatest(t.fr_at + interval '10 minutes',
                            t.created + t.res_h * t.f * interval '1 hour' * (case when t.res_ok then ${MET_LO} + ${MET_SPAN} * t.res_u else ${LATE_LO} + ${LATE_SPAN} * t.res_u end)) as comp1,
              case when t.cancel_early then t.created + (t.fr_due - t.created) * 0.9 * t.t19 else t.fr_at + (t.res_due - t.created) * 0.5 * t.t19 end as cancel_at
       from g_t t`,
    );
    await q(
      `create temp table g_t3 on commit drop as
       select t.*, t.comp1 + interval '5 days' * t.t20 as reopen_at,
              t.comp1 + interval '5 days' * t.t20 + (t.res_due - t.created) * (0.3 + 0.7 * t.t21) as comp2
       from g_t2 t`,
    );
    // close: rated (or confirmed without a rating) within 2 days, else auto-closed after 3
    const closeAfter = (comp: string) => `${comp} + case when t.rated or t.confirm_unrated then interval '2 days' * t.t22 else interval '3 days' end`;
    await q(
      `create temp table g_t4 on commit drop as
       select t.*, (t.cancelled and t.cancel_at <= $1) as is_cancelled,
              (t.reopen and not (t.cancelled and t.cancel_at <= $1) and ${closeAfter('t.comp2')} <= $1) as is_reopened
       from g_t3 t`,
      [ctx.now],
    );
    await q(
      `create temp table g_order on commit drop as
       select t.*, case when t.is_reopened then t.comp2 else t.comp1 end as comp,
              ${closeAfter('case when t.is_reopened then t.comp2 else t.comp1 end')} as close_at,
              ${ctx.lastno ?? 0} + row_number() over (order by t.created, t.i) as number,
              ${id('wo', 't.i')} as id
       from g_t4 t order by t.i`,
    );
    await q(
      `alter table g_order add column status text, add column fr_done timestamptz, add column done timestamptz, add column closed timestamptz,
                           add column rating int, add column by_phone boolean, add column visit_at timestamptz`,
    );
    await q(
      `update g_order set status = case
          when is_cancelled then 'CANCELLED'
          when close_at <= $1 then 'CLOSED'
          when comp <= $1 then 'COMPLETED'
          when fr_at <= $1 then 'IN_PROGRESS'
          else 'ASSIGNED' end`,
      [ctx.now],
    );
    await q(
      `update g_order set
          fr_done = case when status = 'ASSIGNED' or (status = 'CANCELLED' and cancel_early) then null else fr_at end,
          done = case when status in ('COMPLETED', 'CLOSED') then comp end,
          closed = case when status = 'CLOSED' then close_at end,
          rating = case when status = 'CLOSED' and (rated or ${o.returnVisits ? 'true' : 'false'}) then case when high then 4 + five else 1 + low end end,
          by_phone = status = 'CLOSED' and not rated and ${o.returnVisits ? 'true' : 'false'},
          visit_at = close_at + least(interval '2 days', $1::timestamptz - close_at) * ${u('i', 24)}`,
      [ctx.now],
    );
    await q(`analyze g_order`);
    await q(
      `insert into "WorkOrder" ("tenantId", id, number, "communityId", "unitId", "requesterId", "categoryId", "itemId", text, priority, status, "assigneeId",
                                "priceModel", period, "firstResponseDueAt", "resolveDueAt", "firstRespondedAt", "completedAt", "closedAt", "cancelledAt",
                                "cancelReason", "reopenCount", "firstResponseMet", "resolutionMet", rating, "ratedAt", "ratedById", "ratedByPhone", "createdById", "createdAt", "updatedAt")
       select $1, o.id, o.number, c.id, g.id, ow.user_id, o.category_id, o.item_id,
              o.name || '：' || (${sqlTextArray(DETAILS)})[1 + floor(o.t21 * ${DETAILS.length})::int] || '。',
              o.priority::"WorkOrderPriority", o.status::"WorkOrderStatus",
              case when o.status = 'CANCELLED' and o.cancel_early then null else wk.member_id end,
              'FREE', pe.period, o.fr_due, o.res_due, o.fr_done, o.done, o.closed,
              case when o.status = 'CANCELLED' then o.cancel_at end,
              case when o.status = 'CANCELLED' then '住户已自行解决' end,
              case when o.is_reopened then 1 else 0 end,
              -- the app's outcomes: met iff done by the deadline; an undecided clock past its deadline is breached
              case when o.fr_done is not null then o.fr_done <= o.fr_due
                   when (case when o.status = 'CANCELLED' then o.cancel_at else $2::timestamptz end) > o.fr_due then false end,
              case when o.status in ('COMPLETED', 'CLOSED') then o.comp1 <= o.res_due
                   when (case when o.status = 'CANCELLED' then o.cancel_at else $2::timestamptz end) > o.res_due then false end,
              o.rating, case when o.by_phone then o.visit_at when o.rating is not null then o.close_at end,
              case when o.by_phone then $3 when o.rating is not null then coalesce(ow.user_id, $3) end, o.by_phone,
              coalesce(ow.user_id, $3), o.created,
              greatest(o.created, case when o.by_phone then o.visit_at end, coalesce(o.closed, o.done, o.fr_done, case when o.status = 'CANCELLED' then o.cancel_at end, o.created))
       from g_order o join g_unit g using (n) join g_comm c on c.k = g.k join g_period pe on pe.m = o.m
       left join g_owner ow on ow.n = o.n join g_worker wk on wk.w = o.w`,
      [T, ctx.now, o.adminUserId],
    );
    await q(`insert into "WorkOrderCounter" ("tenantId", "last") values ($1, $2) on conflict ("tenantId") do update set "last" = excluded."last"`, [
      T,
      (ctx.lastno ?? 0) + O,
    ]);

    step('order events');
    // creation by the resident (or staff for a household without an account); the close by the
    // resident (confirm) or the job (autoClose); a cancel by the resident (early) or dispatcher;
    // a reopened order also its first completion and the reopen; a completed one its completion
    const eventRows = await q(
      `insert into "WorkOrderEvent" ("tenantId", id, "orderId", kind, action, "fromStatus", "toStatus", note, "actorId", "actorRole", "createdAt")
       select $1, ${id('ev', 'o.i', 'e.k')}, o.id, case when e.action is null then 'rating' else 'transition' end, e.action,
              e.from_status::"WorkOrderStatus", e.to_status::"WorkOrderStatus", e.note, e.actor, e.role, e.at
       from g_order o left join g_owner ow on ow.n = o.n join g_worker wk on wk.w = o.w
       cross join lateral (values
         (0, 'create', null, 'SUBMITTED', '', coalesce(ow.user_id, $2), case when ow.user_id is null then 'ADMIN' else 'RESIDENT' end, o.created, true),
         (1, 'complete', 'IN_PROGRESS', 'COMPLETED', '', wk.user_id, 'STAFF', o.comp1, o.is_reopened or o.status = 'COMPLETED'),
         (2, 'reopen', 'COMPLETED', 'ASSIGNED', '问题没有解决', coalesce(ow.user_id, $2), case when ow.user_id is null then 'ADMIN' else 'RESIDENT' end, o.reopen_at, o.is_reopened),
         (3, 'complete', 'IN_PROGRESS', 'COMPLETED', '', wk.user_id, 'STAFF', o.comp2, o.is_reopened),
         (4, case when o.rated or o.confirm_unrated then 'confirm' else 'autoClose' end, 'COMPLETED', 'CLOSED', '',
             case when o.rated or o.confirm_unrated then coalesce(ow.user_id, $2) else 'system:work-orders' end,
             case when o.rated or o.confirm_unrated then case when ow.user_id is null then 'ADMIN' else 'RESIDENT' end else 'SYSTEM' end,
             o.close_at, o.status = 'CLOSED'),
         (5, 'cancel', case when o.cancel_early then 'SUBMITTED' else 'ACCEPTED' end, 'CANCELLED', '住户已自行解决',
             case when o.cancel_early then coalesce(ow.user_id, $2) else $2 end, case when o.cancel_early and ow.user_id is not null then 'RESIDENT' else 'ADMIN' end,
             o.cancel_at, o.status = 'CANCELLED'),
         -- a return visit (回访): the office records the rating given on the phone
         (6, null, null, null, o.rating || ' 星', $2, 'ADMIN', o.visit_at, o.by_phone)
       ) as e(k, action, from_status, to_status, note, actor, role, at, present)
       where e.present`,
      [T, o.adminUserId],
    );

    step('experience');
    // a unit's service experience in each period: over its orders of the 6 months up to it
    await q(
      `create temp table g_exp on commit drop as
       select n, m + d as m,
              case when bool_or(bad) then -1 when bool_and(good) and bool_or(rating is not null) then 1 else 0 end as s
       from (select o.n, o.m, o.rating,
                    (o.rating <= 2) is true or o.is_reopened or (o.fr_done is not null and o.fr_done > o.fr_due)
                      or (o.status in ('COMPLETED', 'CLOSED') and o.comp1 > o.res_due) as bad,
                    (o.rating is null or o.rating >= 4) and not o.is_reopened and (o.fr_done is null or o.fr_done <= o.fr_due)
                      and not (o.status in ('COMPLETED', 'CLOSED') and o.comp1 > o.res_due) as good
             from g_order o) x
       cross join generate_series(0, 5) d
       where m + d < ${M}
       group by n, m + d`,
    );
    await q(`analyze g_exp`);
    await q(
      `create temp table g_center on commit drop as
       select u.k, coalesce(e.s, 0)::float8 / (u.units * ${M}) as mean_s
       from (select k, count(*) as units from g_unit group by k) u
       left join (select g.k, sum(e.s) as s from g_exp e join g_unit g using (n) group by g.k) e using (k)`,
    );

    step('bill plan');
    const amount = (areaHundredths: string, priceUnits: string, factorNum: string, factorDen: string) =>
      sqlBillAmount({ areaHundredths, priceUnits, months: '1', factorNum, factorDen });
    const PROPERTY_PRICE = 23550; // ¥2.3550 per m² per month
    const PARKING_PRICE = 1_500_000; // ¥150 per space per month
    const feeName = async (name: string) => {
      // a company filled again gets 物业费 2, 物业费 3, …
      for (let k = 1; ; k++) {
        const candidate = k === 1 ? name : `${name} ${k}`;
        const taken = await q(`select 1 from "FeeItem" where "tenantId" = $1 and name = $2`, [T, candidate]);
        if (!taken.rowCount) return candidate;
      }
    };
    const propertyItem = (
      await q<{ id: string }>(
        `insert into "FeeItem" ("tenantId", id, name, calc, cycle, "objectKind", "dueDay", "communityIds", "buildingIds", "statusFactors", "countsInRate", "createdAt", "updatedAt")
         values ($1, ${id('fi', '1')}, $2, 'PER_AREA', 'MONTHLY', 'UNIT', 15, (select array_agg(id order by k) from g_comm), '{}',
                 '{"OCCUPIED":"1","VACANT":"0.7","RENOVATION":"1"}', true, now(), now()) returning id`,
        [T, await feeName('物业费')],
      )
    ).rows[0]!.id;
    await q(
      `insert into "FeeItemPrice" ("tenantId", id, "feeItemId", "effectiveFrom", "priceUnits", "createdById", "createdAt") values ($1, ${id('fp', '1')}, $2, $3, $4, $5, now())`,
      [T, propertyItem, firstPeriod, PROPERTY_PRICE, o.adminUserId],
    );
    let parkingItem: string | null = null;
    if (parking > 0) {
      parkingItem = (
        await q<{ id: string }>(
          `insert into "FeeItem" ("tenantId", id, name, calc, cycle, "objectKind", "dueDay", "communityIds", "buildingIds", "countsInRate", "createdAt", "updatedAt")
           values ($1, ${id('fi', '2')}, $2, 'FIXED', 'MONTHLY', 'PARKING', 15, (select array_agg(id order by k) from g_comm), '{}', true, now(), now()) returning id`,
          [T, await feeName('停车费')],
        )
      ).rows[0]!.id;
      await q(
        `insert into "FeeItemPrice" ("tenantId", id, "feeItemId", "effectiveFrom", "priceUnits", "createdById", "createdAt") values ($1, ${id('fp', '2')}, $2, $3, $4, $5, now())`,
        [T, parkingItem, firstPeriod, PARKING_PRICE, o.adminUserId],
      );
    }
    // a unit's monthly amounts (the same every month: one price, no proration), and its owner's account
    await q(`alter table g_unit add column amount int, add column parking_amount int, add column owner_user text`);
    await q(
      `update g_unit g set amount = ${amount('g.area_h', String(PROPERTY_PRICE), 'case when g.vacant then 7 else 1 end', 'case when g.vacant then 10 else 1 end')},
                           parking_amount = ${amount('100', String(PARKING_PRICE), '1', '1')} * g.has_parking::int`,
    );
    await q(`update g_unit g set owner_user = o.user_id from g_owner o where o.n = g.n`);
    // Each (unit, period): paid by the period's end with P (a habitual draw 60 % of the time),
    // on a day around the due date (triangular over the month); else 45 % pay later, after a
    // long tail of days (never on or after today); the rest never. One row per (unit, period) in
    // (unit, period) order, the order the bills and allocations are inserted in (their ids).
    const key = `g.n::bigint * 1000 + pe.m`;
    await q(
      `create temp table g_bill on commit drop as
       select x.n, x.k, x.m, x.period, x.due, x.id, x.unit_id, x.owner_user, x.bill_at, x.amount, x.parking_amount,
              case when x.paid_on < $1::date then x.paid_on end as paid_on
       from (select g.n, g.k, pe.m, pe.period, pe.due, ${id('bl', 'g.n', 'pe.m')} as id, g.id as unit_id, g.owner_user, pe.bill_at,
                    g.amount, g.parking_amount,
                    case
                      when (case when ${u(key, 31)} < 0.6 then g.habit else ${u(key, 32)} end)
                           < least(0.99, greatest(0.02, c.p + ${gap / 200} * (coalesce(e.s, 0) - ce.mean_s)))
                        then pe.first + floor((${u(key, 33)} + ${u(key, 34)}) / 2 * (pe.last - pe.first + 1))::int
                      when ${u(key, 35)} < 0.45 then pe.last + 1 + floor(power(${u(key, 36)}, 2) * 240)::int
                    end as paid_on
             from g_unit g join g_comm c using (k) join g_center ce using (k) cross join g_period pe left join g_exp e on e.n = g.n and e.m = pe.m) x
       order by x.n, x.m`,
      [today],
    );
    await q(`analyze g_bill`);

    step('bills');
    // a billing run per period, made on its first day at 09:00
    await q(
      `insert into "BillingRun" ("tenantId", id, period, "feeItemIds", "communityIds", status, "billCount", "totalFen", "createdById", automatic, "createdAt")
       select $1, ${id('run', 'pe.m')}, pe.period, array_remove(array[$2, $3::text], null), (select array_agg(id order by k) from g_comm), 'COMMITTED',
              b.bills, b.total, $4, false, pe.bill_at
       from g_period pe join (select m, count(*) + count(*) filter (where parking_amount > 0) as bills, sum(amount + parking_amount) as total from g_bill group by m) b using (m)`,
      [T, propertyItem, parkingItem, o.adminUserId],
    );
    const billRows = await q(
      `insert into "Bill" ("tenantId", id, kind, "objectKind", "objectId", "unitId", "payerKind", "payerId", "feeItemId", period, "runId",
                           "amountFen", "paidFen", "dueDate", "createdById", "createdAt")
       select $1, b.id, 'REGULAR', 'UNIT', b.unit_id, b.unit_id, 'UNIT', b.unit_id, $2, b.period, ${id('run', 'b.m')},
              b.amount, case when b.paid_on is null then 0 else b.amount end, b.due, $3, b.bill_at
       from g_bill b`,
      [T, propertyItem, o.adminUserId],
    );
    let bills = billRows.rowCount ?? 0;
    if (parkingItem) {
      const r = await q(
        `insert into "Bill" ("tenantId", id, kind, "objectKind", "objectId", "parkingSpaceId", "payerKind", "payerId", "feeItemId", period, "runId",
                             "amountFen", "paidFen", "dueDate", "createdById", "createdAt")
         select $1, ${id('bp', 'b.n', 'b.m')}, 'REGULAR', 'PARKING', ${id('ps', 'b.n')}, ${id('ps', 'b.n')}, 'UNIT', b.unit_id, $2, b.period, ${id('run', 'b.m')},
                b.parking_amount, case when b.paid_on is null then 0 else b.parking_amount end, b.due, $3, b.bill_at
         from g_bill b where b.parking_amount > 0`,
        [T, parkingItem, o.adminUserId],
      );
      bills += r.rowCount ?? 0;
    }

    step('payments');
    // One payment per (unit, day), its draws keyed by (unit, day) alone, so that a bill row
    // knows its payment's id, channel and entry time without a join: online (a share growing
    // from 35 % to 65 % over the range; only a household whose owner has an account pays
    // online) or at the counter (cash, WeChat, Alipay, POS, bank transfer), entered that day.
    const firstDay = `${firstPeriod}-01`;
    const spanDays = Math.max(1, (Date.parse(`${today}T00:00:00Z`) - Date.parse(`${firstDay}T00:00:00Z`)) / 86_400_000);
    const payKey = (b: string) => `${b}.n::bigint * 100000 + (${b}.paid_on - date '2000-01-01')`;
    const payId = (b: string) => id('pay', `${b}.n`, `${b}.paid_on - date '2000-01-01'`);
    const intentId = (b: string) => id('ci', `${b}.n`, `${b}.paid_on - date '2000-01-01'`);
    const isOnline = (b: string) =>
      `(${b}.owner_user is not null and ${u(payKey(b), 43)} < 0.35 + 0.3 * (${b}.paid_on - date '${firstDay}')::float8 / ${spanDays})`;
    const enteredAt = (b: string) =>
      `case when ${isOnline(b)} then ((${b}.paid_on + time '00:00') + interval '1 day' * ${u(payKey(b), 41)}) at time zone ${sqlText(tz)}
            else ((${b}.paid_on + time '08:30') + interval '10 hours' * ${u(payKey(b), 41)}) at time zone ${sqlText(tz)} end`;
    // countedOn: the received day unless day-closed (日结), then the first open day after it
    await q(
      `create temp table g_open on commit drop as
       select d::date as day, (select min(e::date) from generate_series(d, d + interval '400 days', interval '1 day') e
                               where not exists (select 1 from "DayClose" dc where dc."tenantId" = $1 and dc."reopenedAt" is null and dc.day = e::date)) as open_on
       from generate_series($2::date, $3::date, interval '1 day') d
       where exists (select 1 from "DayClose" dc where dc."tenantId" = $1 and dc."reopenedAt" is null and dc.day = d::date)`,
      [T, firstDay, today],
    );
    // receipts: per company and entry year, gapless in entry order, after the year's counter
    const counters = await q<{ year: number; lastNo: number }>(`select year, "lastNo" from "ReceiptCounter" where "tenantId" = $1`, [T]);
    const lastNo = new Map(counters.rows.map((r) => [r.year, r.lastNo]));
    const years: number[] = [];
    for (let y = Number(firstPeriod.slice(0, 4)); y <= Number(today.slice(0, 4)); y++) years.push(y);
    await q(
      `create temp table g_pay on commit drop as
       select y.*, off.last_no + row_number() over (partition by y.year order by y.entered_at, y.n) as receipt_no
       from (select p.*, ${payId('p')} as id, ${intentId('p')} as intent_id, extract(year from p.paid_on)::int as year,
                    ${isOnline('p')} as online, ${u(payKey('p'), 41)} as tu, ${u(payKey('p'), 42)} as mu, ${enteredAt('p')} as entered_at,
                    coalesce(op.open_on, p.paid_on) as counted_on
             from (select n, paid_on, unit_id, owner_user, sum(amount + parking_amount)::int as amount
                   from g_bill where paid_on is not null group by n, paid_on, unit_id, owner_user) p
             left join g_open op on op.day = p.paid_on) y
       join unnest($1::int[], $2::int[]) as off(year, last_no) using (year)
       order by y.n, y.paid_on`,
      [years, years.map((y) => lastNo.get(y) ?? 0)],
    );
    await q(`analyze g_pay`);
    const payRows = await q(
      `insert into "Payment" ("tenantId", id, kind, method, "payerKind", "payerId", "amountFen", "receivedOn", "countedOn", "enteredAt", "enteredById",
                              "receiptYear", "receiptNo", "externalRef")
       select $1, p.id, 'PAYMENT',
              (case when p.online then 'ONLINE' when p.mu < 0.25 then 'CASH' when p.mu < 0.6 then 'WECHAT' when p.mu < 0.85 then 'ALIPAY' when p.mu < 0.95 then 'POS' else 'BANK_TRANSFER' end)::"PaymentMethod",
              'UNIT', p.unit_id, p.amount, p.paid_on, p.counted_on, p.entered_at,
              case when p.online then $2 else ca.user_id end,
              p.year, p.receipt_no,
              case when p.online then 'pi_' || replace(p.id, '-', '') end
       from g_pay p join g_cashier ca on ca.w = floor(p.tu * ${cashierCount})::int`,
      [T, ONLINE_ACTOR_ID],
    );
    await q(
      `insert into "ReceiptCounter" ("tenantId", id, year, "lastNo")
       select $1, gen_random_uuid()::text, year, max(receipt_no) from g_pay group by year
       on conflict ("tenantId", year) do update set "lastNo" = excluded."lastNo"`,
      [T],
    );
    // What the Stripe webhook writes for a paid Checkout Session (online-payments/
    // record-online-payment.ts): the resident's CheckoutIntent, SUCCEEDED, with a line per bill
    // (below), and the OnlineCharge (Stripe's fee as the Stripe fake charges it, 0.6 % rounded;
    // the platform's application fee as checkout computes it, shared/application-fee.ts).
    const [acct] = (
      await q<{ account: string | null; currency: string; bps: number; fixed: number }>(
        `select (select "stripeAccountId" from "OnlinePaymentSettings" s where s."tenantId" = t.id) as account, t.currency,
                coalesce((select "applicationFeeBps" from "PlatformSettings" limit 1), 0) as bps,
                coalesce((select "applicationFeeFixedFen" from "PlatformSettings" limit 1), 0) as fixed
         from "Tenant" t where t.id = $1`,
        [T],
      )
    ).rows;
    const account = acct!.account ?? `acct_demo${createHash('md5').update(T).digest('hex').slice(0, 16)}`;
    const appFee = `least(p.amount, (p.amount::bigint * ${Number(acct!.bps)} + 5000) / 10000 + ${Number(acct!.fixed)})::int`;
    await q(
      `insert into "CheckoutIntent" ("tenantId", id, purpose, "payerKind", "payerId", "userId", "amountFen", currency, "stripeAccountId", "applicationFeeFen",
                                     "sessionId", "paymentIntentId", status, "paymentId", "createdAt", "updatedAt", "settledAt")
       select $1, p.intent_id, 'BILLS', 'UNIT', p.unit_id, p.owner_user, p.amount, $2, $3, ${appFee},
              'cs_demo_' || replace(p.id, '-', ''), 'pi_' || replace(p.id, '-', ''), 'SUCCEEDED', p.id,
              p.entered_at - interval '2 minutes', p.entered_at, p.entered_at
       from g_pay p where p.online`,
      [T, acct!.currency, account],
    );
    const chargeRows = await q(
      `insert into "OnlineCharge" ("tenantId", id, "paymentId", "intentId", "chargeId", "paymentIntentId", "amountFen", "feeFen", "netFen", "applicationFeeFen",
                                   "balanceTransactionId", "paidAt", "createdAt")
       select $1, ${id('oc', 'p.n', "p.paid_on - date '2000-01-01'")}, p.id, p.intent_id, 'ch_' || replace(p.id, '-', ''), 'pi_' || replace(p.id, '-', ''),
              p.amount, f.fee, p.amount - f.fee - f.app, f.app, 'txn_' || replace(p.id, '-', ''), p.entered_at, p.entered_at
       from g_pay p cross join lateral (select ((p.amount::bigint * 6 + 500) / 1000)::int as fee, ${appFee} as app) f
       where p.online`,
      [T],
    );

    step('allocations');
    // each paid bill's allocation (and, paid online, its checkout line): the payment's id and
    // entry time from the bill's row (the same draws as above), no join
    const allocRows = await q(
      `insert into "PaymentAllocation" ("tenantId", id, "paymentId", "billId", "amountFen", "createdAt")
       select $1, ${id('al', 'b.n', 'b.m', 'x.part')}, ${payId('b')}, x.bill_id, x.amount, ${enteredAt('b')}
       from g_bill b
       cross join lateral (values (0, b.id, b.amount), (1, ${id('bp', 'b.n', 'b.m')}, b.parking_amount)) as x(part, bill_id, amount)
       where b.paid_on is not null and x.amount > 0`,
      [T],
    );
    await q(
      `insert into "CheckoutIntentLine" ("tenantId", id, "intentId", "billId", "lateFee", "amountFen")
       select $1, ${id('cl', 'b.n', 'b.m', 'x.part')}, ${intentId('b')}, x.bill_id, false, x.amount
       from g_bill b
       cross join lateral (values (0, b.id, b.amount), (1, ${id('bp', 'b.n', 'b.m')}, b.parking_amount)) as x(part, bill_id, amount)
       where b.paid_on is not null and x.amount > 0 and ${isOnline('b')}`,
      [T],
    );

    step('finish');
    const totals = (
      await q<{ billed: string; paid: string }>(
        `select sum(amount + parking_amount)::text as billed, sum(case when paid_on is null then 0 else amount + parking_amount end)::text as paid from g_bill`,
      )
    ).rows[0]!;
    const residents = Number(
      (await q(`select count(*)::int as n from "Resident" r join g_unit g on g.id = r."unitId" where r."tenantId" = $1`, [T])).rows[0]!.n,
    );
    const users = Number((await q(`select count(*)::int as n from g_owner`)).rows[0]!.n) + newStaff;
    const events = eventRows.rowCount ?? 0;
    const buildings = Number((await q(`select count(*)::int as n from (select distinct k, j / 72 from g_unit) x`)).rows[0]!.n);
    const counts = {
      communities: C,
      buildings,
      units: N,
      residents,
      users,
      parkingSpaces,
      bills,
      payments: payRows.rowCount ?? 0,
      allocations: allocRows.rowCount ?? 0,
      workOrders: O,
      workOrderEvents: events,
      onlineCharges: chargeRows.rowCount ?? 0,
    };
    const params = { units: N, months: M, seed: o.seed, effect, base, gap, parking, communities: C, ordersPerUnitMonth: perUnitMonth, firstPeriod, lastPeriod };
    // a bulk operation is audited as one entry with its parameters and counts
    await q(
      `insert into "AuditLog" ("tenantId", id, "actorId", action, entity, "entityId", after, "createdAt") values ($1, gen_random_uuid()::text, $2, 'demo.generate', 'Tenant', $1, $3, now())`,
      [T, o.adminUserId, JSON.stringify({ ...params, counts })],
    );
    const ids = new Map((await q<{ k: number; id: string }>(`select k, id from g_comm`)).rows.map((r) => [r.k, r.id]));
    if (rollups) {
      // before the bulk load's indexes are built: the rollup tables' are built with them
      step('rollups');
      await buildRollups(q, T, C, id);
      await q(`set local linli.rollup_skip = 'off'`);
    }
    if (rebuild.length) {
      step('rebuild');
      // statistics first: re-adding a foreign key validates it with one join, planned on them
      await q(`analyze ${bulkTables.map((x) => `"${x}"`).join(', ')}`);
      for (const sql of rebuild) await q(sql);
    }
    if (!o.inTransaction) {
      await q('commit');
      step('analyze');
      // the bulk-loaded tables were analyzed before their foreign keys; the others now
      if (rebuild.length) {
        const rest = await q<{ t: string }>(
          `select c.oid::regclass::text as t from pg_class c where c.relnamespace = 'public'::regnamespace and c.relkind = 'r'
             and not (c.oid = any($1::regclass[]))`,
          [bulkTables.map((x) => `"${x}"`)],
        );
        await q(`analyze ${rest.rows.map((r) => r.t).join(', ')}`);
      } else await q('analyze');
    }
    o.onProgress?.(totalWeight, totalWeight, 'done', endStep());
    return {
      tenantId: T,
      firstPeriod,
      lastPeriod,
      communities: plans.map((p) => ({ id: ids.get(p.k)!, name: p.name, plantedIndex: p.plantedIndex, payProbability: p.payProbability, level: p.level })),
      counts,
      billedFen: Number(totals.billed),
      paidFen: Number(totals.paid),
      seconds: (performance.now() - started) / 1000,
      steps,
    };
  } catch (e) {
    if (!o.inTransaction) await q('rollback').catch(() => undefined);
    throw e;
  }
}

type Query = <R extends pg.QueryResultRow = pg.QueryResultRow>(sql: string, params?: unknown[]) => Promise<{ rows: R[]; rowCount: number | null }>;

/**
 * The report rollups of what was generated, in the load's transaction (their triggers were off
 * for it: `linli.rollup_skip`, prisma/migrations/*_report_rollups). A connection that may not
 * write them (the app role: only the migration's functions do) calls linli_rollup_rebuild, which
 * folds the whole company again, bill chunk by bill chunk. The owner writes them set-based from
 * the plan tables: what linli_bill_events / linli_unit_events derive from the ledger, for the
 * ledger the generator writes (regular bills of items counted in the rate, no adjustment, void
 * or correction; each bill paid whole by one payment or not at all):
 *   BillEvent: (bill, 0001-01-01) gross = outstanding = amount; (bill, countedOn) paid = amount,
 *              outstanding −amount. A parking bill's unit is '' (its payer's unit places it).
 *   UnitPeriodEvent: (unit, period, 0001-01-01) billed 1, unpaid 1; (…, countedOn) unpaid −1.
 *   UnitRangeEvent: per (unit, quarter 'YYYY-Qn' / year 'YYYY') the running sum of its months'
 *              changes, billed / unpaid while above 0, as changes (what linli_unit_range_events
 *              gives); the units are new, so nothing of theirs is in the rollups yet. Their sums
 *              are RateDay / RateMonth rows of period = the range.
 *   RateDay / RateMonth: their sums at the company ('*', '*'), community (c, '*') and building
 *              (c, b) levels, ADDED to rows already there (a company filled again).
 *   WorkOrderFact: linli_work_order_facts of the new orders.
 * tests/integration/demo-generate.test.ts checks them against linli_rollup_rebuild's.
 */
async function buildRollups(q: Query, T: string, C: number, id: (kind: string, ...parts: string[]) => string) {
  const canWrite = (
    await q<{ ok: boolean }>(
      `select bool_and(has_table_privilege(t, 'INSERT') and has_table_privilege(t, 'UPDATE')) as ok
       from unnest(array['"BillEvent"', '"UnitPeriodEvent"', '"UnitRangeEvent"', '"RateDay"', '"RateMonth"', '"WorkOrderFact"']) as t`,
    )
  ).rows[0]!.ok;
  if (!canWrite) {
    await q(`select 1 as ok from linli_rollup_rebuild($1)`, [T]);
    return;
  }
  // where a unit is, by its ordinal n (g_unit: units go round-robin over the C communities, 72 to
  // a building): community k = n % C, building (k, n / C / 72). The temporary tables below are
  // keyed by these integers, not by the text ids (hashing and sorting text keys was most of the
  // step's time: 100,000 units × 24 months, 98 -> 82 s); computed from n, not joined (a join of
  // every event row to g_loc: rollups 20,000 units 15.2 -> 17.2 s)
  await q(
    `create temp table g_loc on commit drop as
     select g.n, g.id as unit_id, c.id as community_id, ${id('b', 'g.k', 'g.j / 72')} as building_id from g_unit g join g_comm c using (k)`,
  );
  await q(`alter table g_loc add primary key (n)`);
  await q(`analyze g_loc`);
  // A plan row's changes, `amount` its bills' gross (in this ledger: no adjustment, void or
  // correction; each bill paid whole by one payment or not at all): billed and owed from
  // 0001-01-01 on, paid on its payment's countedOn (the first open day from its received day).
  const paidOn = `coalesce(op.open_on, b.paid_on)`;
  const changes = (amount: string) =>
    `left join g_open op on op.day = b.paid_on
     cross join lateral (values (date '0001-01-01', ${amount}, 0, ${amount}, 1, 1, true),
                                (${paidOn}, 0, ${amount}, -(${amount}), 0, -1, b.paid_on is not null)) as e(day, g, p, o, bd, ud, present)`;
  // the bills' events, straight from the plan
  await q(
    `insert into "BillEvent" ("tenantId", "billId", day, "communityId", "buildingId", "unitId", period, counts, "grossFen", "adjustedFen", "paidFen", "outstandingFen")
     select $1, x.bill_id, e.day, l.community_id, l.building_id, x.unit_ref, b.period, true, e.g, 0, e.p, e.o
     from g_bill b join g_loc l using (n)
     cross join lateral (values (b.id, b.amount, b.unit_id), (${id('bp', 'b.n', 'b.m')}, b.parking_amount, '')) as x(bill_id, amount, unit_ref)
     ${changes('x.amount')}
     where x.amount > 0 and e.present`,
    [T],
  );
  // the households: billed (a counting bill with a net above 0) from the start, unpaid until paid whole
  await q(
    `insert into "UnitPeriodEvent" ("tenantId", "unitId", period, day, "communityId", "buildingId", billed, unpaid)
     select $1, b.unit_id, b.period, e.day, l.community_id, l.building_id, e.bd, e.ud
     from g_bill b join g_loc l using (n) ${changes('b.amount + b.parking_amount')}
     where e.present`,
    [T],
  );
  // the quarters' and years' household state of the new units, as changes. In this ledger each
  // (unit, month) is billed from 0001-01-01 on and unpaid until paid whole once, so a unit's
  // range is billed from 0001-01-01 on and unpaid until the last of its months is paid, if all
  // are (the running sums linli_unit_range_events takes, without sorting every event). Ranges
  // by number (ri) in the plan tables, by key ('YYYY-Qn', 'YYYY') in the rollups.
  await q(
    `create temp table g_range on commit drop as
     select pe.m, dense_rank() over (order by r.rk)::int as ri, r.rk
     from g_period pe cross join lateral unnest(linli_period_ranges(pe.period)) as r(rk)`,
  );
  await q(
    `create temp table g_rng on commit drop as
     select b.n, r.ri, count(*)::int as months, count(b.paid_on)::int as paid, max(${paidOn}) as last_paid
     from g_bill b join g_range r using (m) left join g_open op on op.day = b.paid_on
     group by b.n, r.ri`,
  );
  const rangeChanges = `cross join lateral (values (date '0001-01-01', 1, 1, true), (r.last_paid, 0, -1, r.paid = r.months)) as e(day, bd, ud, present)`;
  await q(
    `insert into "UnitRangeEvent" ("tenantId", "unitId", "rangeKey", day, "communityId", "buildingId", billed, unpaid)
     select $1, l.unit_id, k.rk, e.day, l.community_id, l.building_id, e.bd, e.ud
     from g_rng r join g_loc l using (n) join (select distinct ri, rk from g_range) k using (ri) ${rangeChanges}
     where e.present`,
    [T],
  );
  // the additive rollups: per building first, by numbers (pk: a month m ≥ 0, a range −ri),
  // then the communities and the company summed from the buildings' rows
  await q(
    `create temp table g_rdb on commit drop as
     select x.n % ${C} as k, x.n / ${C} / 72 as bj, x.pk, x.day,
            sum(x.g)::bigint as g, sum(x.p)::bigint as p, sum(x.o)::bigint as o, sum(x.ub)::int as ub, sum(x.uu)::int as uu
     from (select b.n, b.m as pk, e.day, e.g, e.p, e.o, e.bd as ub, e.ud as uu
           from g_bill b ${changes('b.amount + b.parking_amount')}
           where e.present
           union all
           select r.n, -r.ri, e.day, 0, 0, 0, e.bd, e.ud from g_rng r ${rangeChanges} where e.present) x
     group by 1, 2, 3, 4`,
  );
  await q(
    `create temp table g_rd on commit drop as
     with pk(pk, period) as (select m, period from g_period union all select distinct -ri, rk from g_range),
     lv as (
       select ${id('b', 'd.k', 'd.bj')} as b, d.k, d.pk, d.day, d.g, d.p, d.o, d.ub, d.uu from g_rdb d
       union all
       select '*', d.k, d.pk, d.day, sum(d.g), sum(d.p), sum(d.o), sum(d.ub), sum(d.uu) from g_rdb d group by d.k, d.pk, d.day
       union all
       select '*', -1, d.pk, d.day, sum(d.g), sum(d.p), sum(d.o), sum(d.ub), sum(d.uu) from g_rdb d group by d.pk, d.day
     )
     select coalesce(c.id, '*') as c, lv.b, pk.period, lv.day, lv.g::bigint, lv.p::bigint, lv.o::bigint, lv.ub::int, lv.uu::int
     from lv join pk using (pk) left join g_comm c on c.k = lv.k`,
  );
  // added to what is there (a company filled again); a company without rollup rows yet is
  // inserted plainly (no conflict to arbitrate row by row)
  const fresh = !(await q(`select 1 from "RateDay" where "tenantId" = $1 limit 1`, [T])).rows.length;
  const add = (t: string) =>
    fresh
      ? ''
      : `on conflict ("tenantId", "communityId", "buildingId", period, counts, ${t === 'd' ? 'day' : 'month'}) do update set ` +
        ['grossFen', 'adjustedFen', 'paidFen', 'outstandingFen', 'unitsBilled', 'unitsUnpaid'].map((c) => `"${c}" = r."${c}" + excluded."${c}"`).join(', ');
  await q(
    `insert into "RateDay" as r ("tenantId", "communityId", "buildingId", period, counts, day, "grossFen", "adjustedFen", "paidFen", "outstandingFen", "unitsBilled", "unitsUnpaid")
     select $1, c, b, period, true, day, g, 0, p, o, ub, uu from g_rd order by c, b, period, day
     ${add('d')}`,
    [T],
  );
  await q(
    `insert into "RateMonth" as r ("tenantId", "communityId", "buildingId", period, counts, month, "grossFen", "adjustedFen", "paidFen", "outstandingFen", "unitsBilled", "unitsUnpaid")
     select $1, c, b, period, true, to_char(day, 'YYYY-MM'), sum(g), 0, sum(p), sum(o), sum(ub), sum(uu) from g_rd
     group by c, b, period, to_char(day, 'YYYY-MM') order by 2, 3, 4, 6
     ${add('m')}`,
    [T],
  );
  await q(
    // the company's orders (a list of ids would be searched linearly per order in the function's
    // generic plan); the orders it had already have their facts
    `insert into "WorkOrderFact" select f.* from linli_work_order_facts($1, null) f
     on conflict ("tenantId", "orderId") do nothing`,
    [T],
  );
}
