// `npm run bench:workorders`: the dispatch board (server/work-orders/list-board.ts) on a throwaway
// PostgreSQL database (TEST_DATABASE_URL's server, else the local one; never DATABASE_URL): one
// company with 50,000 open orders (and 30,000 completed, closed or cancelled ones), four others
// with 200,000 orders between them. Generated set-based as the owner (generate_series): communities,
// buildings, units, staff, the six categories with items and their SLA targets, orders in Chinese
// with a realistic spread of statuses, priorities, ages and deadlines (many overdue, some soon
// due, quotes pending), then VACUUM ANALYZE (what autovacuum would have done).
// Times listBoard server-side: the call inside the app's tenant transaction (withScope: the app
// role under row-level security), as an admin of the big company. Two figures, each the median
// over varied requests (after a warm-up): the default view and its filters (sorted by deadline,
// counts per status), and a text search (words of the text, unit numbers, order numbers, with and
// without filters). Target: each under 150 ms. Prints readable lines, then one JSON line.
import pg from 'pg';
import { ZSignUp } from '../server/shared/schemas/tenancy';
import { ZBoardQuery } from '../server/shared/schemas/work-orders';
import { createThrowawayDatabase, testServerUrl } from './lib/throwaway-db';
import { createAccountWithCompany } from '../server/tenancy/sign-up';
import { withScope } from '../server/db/scope';
import { listBoard } from '../server/work-orders/list-board';

const OPEN = Number(process.env.BENCH_OPEN ?? 50_000);
const HISTORY = Number(process.env.BENCH_HISTORY ?? 30_000);
const OTHERS = Number(process.env.BENCH_OTHERS ?? 200_000);
const OTHER_COMPANIES = 4;
const TARGET_MS = 150;
process.env.LOG_LEVEL ??= 'warn';

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const ms = (x: number) => Number(x.toFixed(1));

const CATEGORIES: [string, string, [string, number, number][]][] = [
  // name, kind, items: [name, first response minutes, resolve hours]
  [
    '针线缝补',
    'sewing',
    [
      ['裤脚改短', 60, 48],
      ['换拉链', 60, 48],
      ['钉扣子', 60, 24],
    ],
  ],
  [
    '小修小补',
    'repair',
    [
      ['水龙头维修', 60, 24],
      ['门锁维修', 30, 12],
      ['灯具更换', 60, 24],
    ],
  ],
  [
    '日常必需',
    'daily',
    [
      ['代收快递', 120, 24],
      ['工具借用', 60, 8],
      ['家电搬运', 120, 48],
    ],
  ],
  [
    '应急维修',
    'emergency',
    [
      ['漏水抢修', 15, 4],
      ['停电抢修', 15, 4],
      ['管道疏通', 30, 6],
    ],
  ],
  [
    '公共报修',
    'common',
    [
      ['楼道照明', 120, 72],
      ['电梯故障', 30, 8],
      ['门禁维修', 60, 24],
    ],
  ],
  [
    '投诉建议',
    'complaint',
    [
      ['噪音投诉', 120, 72],
      ['卫生投诉', 120, 72],
      ['停车投诉', 120, 72],
    ],
  ],
];
const ISSUES = [
  '卫生间天花板漏水',
  '厨房水龙头一直滴水',
  '裤脚需要改短两公分',
  '外套拉链坏了想换一条',
  '防盗门门锁打不开',
  '楼道声控灯不亮',
  '空调外机噪音很大',
  '阳台窗户关不严漏风',
  '下水道堵塞反味',
  '电梯按钮失灵',
  '帮忙代收快递',
  '想借用一下人字梯',
  '衬衫扣子掉了需要钉',
  '墙面渗水发霉',
  '暖气片不热',
  '楼上装修噪音投诉',
  '车位被别人占用',
  '垃圾没有及时清运',
  '电动车充电桩不能用',
  '马桶水箱漏水不停',
  '窗帘轨道脱落',
  '燃气灶打不着火',
  '插座冒火花跳闸',
  '小孩校服需要缝补',
  '单元门禁卡失灵',
];
const DETAILS = [
  '已经两天了',
  '今天早上发现的',
  '情况比较急',
  '家里有老人',
  '晚上七点后在家',
  '周末上午方便',
  '麻烦尽快处理',
  '上次修过又坏了',
  '邻居家也有同样问题',
  '请带好工具',
];
const COMMUNITIES = ['翠竹园', '锦绣花园', '阳光小区', '和平里', '幸福家园', '金桥新村', '枫林苑', '桂花里', '东湖小区', '梅园新村'];
const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '赵', '黄', '周', '吴'];
const GIVEN = ['师傅', '建国', '秀英', '志强', '丽华', '海燕', '明', '伟', '芳', '军'];

const sqlArray = (xs: string[]) => `array[${xs.map((x) => `'${x.replace(/'/g, "''")}'`).join(',')}]::text[]`;

const t = await createThrowawayDatabase(testServerUrl(), 'linli_bench');
const owner = new pg.Client({ connectionString: t.url });
try {
  await owner.connect();
  console.log(`PostgreSQL: throwaway database on ${new URL(t.url).host}`);

  /** A company through sign-up, then its register, staff, catalogue and orders set-based. */
  const company = async (slug: string, name: string, communities: number, open: number, history: number) => {
    const s = await createAccountWithCompany(
      t.db.prisma,
      ZSignUp.parse({ companyName: name, slug, adminName: '管理员', email: `${slug}@example.test`, password: 'bench-pass-1' }),
    );
    const tid = s.tenant.id;
    const q = (sql: string, params: unknown[] = []) => owner.query(sql, [tid, ...params]);
    await q(
      `insert into "Community" ("tenantId", id, name, address, "createdAt", "updatedAt")
       select $1, $1 || '-c' || g, (${sqlArray(COMMUNITIES)})[1 + (g - 1) % 10] || ((g - 1) / 10 + 1) || '期', '幸福路' || g || '号', now(), now()
       from generate_series(1, $2::int) g`,
      [communities],
    );
    await q(
      `insert into "Building" ("tenantId", id, "communityId", name, "createdAt", "updatedAt")
       select $1, c.id || '-b' || b, c.id, b || '号楼', now(), now() from "Community" c, generate_series(1, 8) b where c."tenantId" = $1`,
    );
    // 8 buildings × 2 entrances × 18 floors × 2 units: 576 units per community ("1502")
    await q(
      `insert into "Unit" ("tenantId", id, "communityId", "buildingId", entrance, number, floor, area, "createdAt", "updatedAt")
       select $1, bu.id || '-' || e || '-' || f || '-' || k, bu."communityId", bu.id, e || '单元', f || lpad(k::text, 2, '0'), f,
              (60 + (f * 7 + k * 13) % 80)::numeric(10, 2), now(), now()
       from "Building" bu, generate_series(1, 2) e, generate_series(1, 18) f, generate_series(1, 2) k where bu."tenantId" = $1`,
    );
    await q(
      `insert into "User" (id, email, name, "createdAt")
       select $1 || '-u' || g, $1 || '-staff' || g || '@example.test', (${sqlArray(SURNAMES)})[1 + g % 10] || (${sqlArray(GIVEN)})[1 + (g / 10) % 10], now()
       from generate_series(1, 40) g`,
    );
    await q(
      `insert into "Membership" ("tenantId", id, "userId", role, "createdAt", dispatcher)
       select $1, $1 || '-m' || g, $1 || '-u' || g, 'STAFF', now(), g <= 3 from generate_series(1, 40) g`,
    );
    for (const [i, [cat, kind, items]] of CATEGORIES.entries()) {
      await q(
        `insert into "ServiceCategory" ("tenantId", id, name, kind, "sortOrder", "createdAt", "updatedAt")
         values ($1, $1 || '-k' || $3::text, $2, $4, $3::int, now(), now()) on conflict ("tenantId", name) do nothing`,
        [cat, i, kind],
      );
      for (const [j, [item, frMin, resH]] of items.entries()) {
        await q(
          `insert into "ServiceItem" ("tenantId", id, "categoryId", name, "firstResponseMinutes", "resolveHours", "communityIds", skills, "createdAt", "updatedAt")
           select $1, $1 || '-i' || $3::text || '-' || $4::text, k.id, $2, $5::int, $6::int, '{}', '{}', now(), now() from "ServiceCategory" k where k."tenantId" = $1 and k.name = $7
           on conflict ("tenantId", "categoryId", name) do nothing`,
          [item, i, j, frMin, resH, cat],
        );
      }
    }
    // Orders: `open` in the five open statuses, `history` completed / closed / cancelled.
    await owner.query(`create temp table bench_units as select row_number() over (order by id) as rn, id, "communityId" from "Unit" where "tenantId" = $1`, [
      tid,
    ]);
    await owner.query(
      `create temp table bench_items as select row_number() over (order by i.id) as rn, i.id, i."categoryId", i."firstResponseMinutes", i."resolveHours"
       from "ServiceItem" i where i."tenantId" = $1`,
      [tid],
    );
    const orders = async (from: number, count: number, isOpen: boolean) => {
      const status = isOpen
        ? `(case when x.s < 0.15 then 'SUBMITTED' when x.s < 0.40 then 'ASSIGNED' when x.s < 0.60 then 'ACCEPTED' when x.s < 0.65 then 'QUOTED' else 'IN_PROGRESS' end)`
        : `(case when x.s < 0.10 then 'COMPLETED' when x.s < 0.85 then 'CLOSED' else 'CANCELLED' end)`;
      // open orders: up to 7 days old, mostly recent; history: up to a year
      const age = isOpen ? `(x.a * x.a * interval '7 days')` : `(interval '8 days' + x.a * interval '360 days')`;
      await q(
        `insert into "WorkOrder" ("tenantId", id, number, "communityId", "unitId", "categoryId", "itemId", text, "preferredTime", priority, status, "assigneeId",
                                  period, "firstResponseDueAt", "resolveDueAt", "pausedSince", "firstRespondedAt", "completedAt", "closedAt", "cancelledAt",
                                  rating, "createdById", "createdAt", "updatedAt")
         select $1, $1 || '-o' || r.g, r.g, u."communityId", u.id, it."categoryId", it.id,
                (${sqlArray(ISSUES)})[1 + floor(r.t1 * ${ISSUES.length})::int] || '，' || (${sqlArray(DETAILS)})[1 + floor(r.t2 * ${DETAILS.length})::int] || '。'
                  || case when r.t3 < 0.3 then '联系电话请看登记信息。' else '' end,
                case when r.t3 < 0.5 then '周末上午' else '' end,
                r.prio::"WorkOrderPriority", r.status::"WorkOrderStatus",
                case when r.status = 'SUBMITTED' or (r.status = 'CANCELLED' and r.t3 < 0.5) then null else $1 || '-m' || (1 + floor(r.t4 * 40)::int) end,
                to_char(r.created at time zone 'Asia/Shanghai', 'YYYY-MM'),
                r.created + it."firstResponseMinutes" * r.f * interval '1 minute',
                r.created + it."resolveHours" * r.f * interval '1 hour',
                case when r.status = 'QUOTED' then least(now(), r.created + it."firstResponseMinutes" * r.f * interval '1 minute' * 2) end,
                case when r.status in ('SUBMITTED', 'ASSIGNED') or (r.status = 'CANCELLED' and r.t3 < 0.5) then null
                     else r.created + it."firstResponseMinutes" * r.f * interval '1 minute' * (0.2 + r.t4 * 1.2) end,
                case when r.status in ('COMPLETED', 'CLOSED') then r.created + it."resolveHours" * r.f * interval '1 hour' * (0.3 + r.t2 * 0.9) end,
                case when r.status = 'CLOSED' then r.created + it."resolveHours" * r.f * interval '1 hour' * 1.2 + interval '1 day' end,
                case when r.status = 'CANCELLED' then r.created + interval '2 hours' end,
                case when r.status = 'CLOSED' and r.t1 < 0.8 then 3 + floor(r.t2 * 3)::int end,
                $2, r.created, r.created
         from (
           select g, random() as t1, random() as t2, random() as t3, random() as t4, ${status} as status,
                  (case when x.p < 0.1 then 'URGENT' when x.p < 0.85 then 'NORMAL' else 'LOW' end) as prio,
                  (case when x.p < 0.1 then 0.5 when x.p < 0.85 then 1 else 2 end) as f,
                  now() - ${age} as created, x.u, x.i
           from (select g, random() as s, random() as p, random() as a, random() as u, random() as i from generate_series($3::int, $4::int) g) x
         ) r
         join bench_units u on u.rn = 1 + floor(r.u * (select count(*) from bench_units))::int
         join bench_items it on it.rn = 1 + floor(r.i * (select count(*) from bench_items))::int`,
        [s.userId, from, from + count - 1],
      );
    };
    await orders(1, history, false);
    await orders(history + 1, open, true);
    await q(`insert into "WorkOrderCounter" ("tenantId", last) values ($1, $2) on conflict ("tenantId") do update set last = excluded.last`, [history + open]);
    await owner.query('drop table bench_units; drop table bench_items');
    return { tenantId: tid, userId: s.userId };
  };

  const started = performance.now();
  await owner.query('select setseed(0.15)');
  const big = await company('bench-big', 'Bench 物业', 20, OPEN, HISTORY);
  const per = Math.floor(OTHERS / OTHER_COMPANIES);
  for (let i = 1; i <= OTHER_COMPANIES; i++) await company(`bench-o${i}`, `其他物业${i}`, 10, Math.floor(per * 0.3), per - Math.floor(per * 0.3));
  await owner.query('vacuum analyze');
  const census = (
    await owner.query<{ big_open: number; big_all: number; all: number; overdue: number }>(
      `select count(*) filter (where "tenantId" = $1 and status in ('SUBMITTED','ASSIGNED','ACCEPTED','QUOTED','IN_PROGRESS'))::int as big_open,
              count(*) filter (where "tenantId" = $1)::int as big_all, count(*)::int as all,
              count(*) filter (where "tenantId" = $1 and status in ('SUBMITTED','ASSIGNED','ACCEPTED','QUOTED','IN_PROGRESS') and "pausedSince" is null
                               and (("firstRespondedAt" is null and "firstResponseDueAt" < now()) or "resolveDueAt" < now()))::int as overdue
       from "WorkOrder"`,
      [big.tenantId],
    )
  ).rows[0]!;
  console.log(
    `Orders: ${census.big_open} open of ${census.big_all} in the big company (${census.overdue} overdue), ${census.all - census.big_all} in ${OTHER_COMPANIES} others (${((performance.now() - started) / 1000).toFixed(1)} s to generate)`,
  );

  const ids = async (sql: string) => (await owner.query<{ id: string }>(sql, [big.tenantId])).rows.map((r) => r.id);
  const communities = await ids(`select id from "Community" where "tenantId" = $1 order by name limit 6`);
  const categories = await ids(`select id from "ServiceCategory" where "tenantId" = $1 order by "sortOrder"`);
  const staff = await ids(`select id from "Membership" where "tenantId" = $1 and role = 'STAFF' order by id limit 6`);
  const member = (await owner.query<{ id: string }>(`select id from "Membership" where "tenantId" = $1 and role = 'ADMIN'`, [big.tenantId])).rows[0]!;
  const admin = { id: member.id, role: 'ADMIN' as const, dispatcher: false };

  const time = async (raw: Record<string, unknown>) => {
    const input = ZBoardQuery.parse(raw);
    return withScope(t.db.prisma, big.tenantId, big.userId, async (scope) => {
      const t0 = performance.now();
      const board = await listBoard(scope, admin, input);
      return { ms: performance.now() - t0, total: board.total, rows: board.rows.length, counts: board.counts };
    });
  };

  // The default view and its filters (no text): ≥ 15 varied requests.
  const boardRequests: Record<string, unknown>[] = [
    {},
    { page: 2 },
    { page: 5, pageSize: 50 },
    { communityId: communities[0] },
    { communityId: communities[1] },
    { categoryId: categories[0] },
    { categoryId: categories[3] },
    { assigneeId: 'none' },
    { assigneeId: staff[0] },
    { assigneeId: staff[1], status: ['ACCEPTED', 'IN_PROGRESS'] },
    { priority: 'URGENT' },
    { sla: 'overdue' },
    { sla: 'soon' },
    { status: ['SUBMITTED'] },
    { status: ['QUOTED'] },
    { status: ['COMPLETED', 'CLOSED'] },
    { communityId: communities[2], categoryId: categories[1] },
    { sla: 'overdue', priority: 'URGENT' },
    { communityId: communities[3], sla: 'overdue' },
    { pageSize: 100 },
  ];
  // Text searches: words of the text, unit numbers, order numbers; alone and with filters.
  const searchRequests: Record<string, unknown>[] = [
    { q: '漏水' },
    { q: '水龙头' },
    { q: '拉链' },
    { q: '门禁卡失灵' },
    { q: '声控灯' },
    { q: '缝补' },
    { q: '燃气灶' },
    { q: '1502' },
    { q: '302' },
    { q: '12345' },
    { q: '#71234' },
    { q: '漏水', communityId: communities[0] },
    { q: '噪音', sla: 'overdue' },
    { q: '快递', assigneeId: 'none' },
    { q: '充电桩', status: ['SUBMITTED', 'ASSIGNED'] },
    { q: '渗水发霉', categoryId: categories[1] },
    { q: '1801', communityId: communities[4] },
    { q: '没有这个词' },
  ];

  for (const r of [{}, { q: '漏水' }, { sla: 'overdue' }]) await time(r); // warm-up
  const run = async (label: string, requests: Record<string, unknown>[]) => {
    const times: number[] = [];
    for (const r of requests) {
      const x = await time(r);
      times.push(x.ms);
      console.log(`  ${label} ${JSON.stringify(r).replace(/"[0-9a-f-]{36}-(\w+)"/g, '"…$1"')}: ${ms(x.ms)} ms, ${x.total} orders, ${x.rows} rows`);
    }
    return times;
  };
  const boardTimes = await run('board', boardRequests);
  const searchTimes = await run('search', searchRequests);
  const def = await time({});
  console.log(`Default view counts: ${JSON.stringify(def.counts)}`);

  const boardMs = ms(median(boardTimes));
  const searchMs = ms(median(searchTimes));
  console.log(
    `Board (default view and filters, ${boardTimes.length} requests): median ${boardMs} ms, max ${ms(Math.max(...boardTimes))} ms (target: under ${TARGET_MS} ms)`,
  );
  console.log(`Text search (${searchTimes.length} requests): median ${searchMs} ms, max ${ms(Math.max(...searchTimes))} ms (target: under ${TARGET_MS} ms)`);
  console.log(JSON.stringify({ open_orders: census.big_open, board_ms: boardMs, search_ms: searchMs }));
} finally {
  await owner.end().catch(() => {});
  if (process.env.BENCH_KEEP) console.log(`Kept: ${t.url} (drop it yourself)`);
  else await t.drop();
}
