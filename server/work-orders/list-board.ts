import 'server-only';
import type { z } from 'zod';
import type { Scope } from '../db/scope';
import { Prisma } from '../db/generated/client';
import type { WorkOrderPriority, WorkOrderStatus } from '../db/generated/enums';
import { AppError } from '../errors';
import { can } from '../shared/permissions';
import { unitLabel } from '../shared/labels';
import { slaFlag, SOON_MAX_MS, SOON_SHARE, type SlaFlag } from '../shared/sla';
import { isOpen, OPEN_STATUSES, WORK_ORDER_STATUSES } from '../shared/work-order-states';
import type { ZBoardQuery } from '../shared/schemas/work-orders';
import type { Member } from './access';

// The dispatch board (#15): a company's orders, open ones by default, the most pressing deadline
// first, with counts per status under the other filters (the status tabs), filters and a text
// search. Set-based SQL in the request's tenant transaction (row-level security) with an explicit
// tenant predicate. `npm run bench:workorders` times it on 50,000 open orders.
//
// Deadline order: the next unmet deadline — the first response's while nobody responded, else the
// resolution's (a first response is always due before the resolution); a finished order sorts by
// its resolution deadline.
//
// Under row-level security only leakproof operators become index conditions (text and timestamp
// comparisons; not enum equality, not LIKE), so the statements are shaped for the partial indexes
// of migration work_order_board_indexes: the page is a merge of one ordered scan per (status,
// clock), each stopping after a page's worth; the counts are index-only scans of open and finished
// orders apart; a text search first collects the matching ids (one pass), then both statements
// read those rows by primary key.

export type BoardQuery = z.output<typeof ZBoardQuery>;

export interface BoardRow {
  id: string;
  number: number;
  status: WorkOrderStatus;
  priority: WorkOrderPriority;
  categoryName: string;
  itemName: string | null;
  communityName: string;
  /** "1号楼 1单元-301"; null for a common-area order */
  unitLabel: string | null;
  excerpt: string;
  assignee: { id: string; name: string } | null;
  firstResponseDueAt: Date;
  resolveDueAt: Date;
  firstRespondedAt: Date | null;
  pausedSince: Date | null;
  /** The two clocks at `now` (slaFlag); null for a cancelled order (no clock runs). */
  sla: { firstResponse: SlaFlag | null; resolution: SlaFlag | null };
  escalated: boolean;
  createdAt: Date;
}

export interface Board {
  rows: BoardRow[];
  total: number;
  counts: Record<WorkOrderStatus, number>;
  now: Date;
}

const EXCERPT = 80;
const like = (s: string) => s.replace(/[\\%_]/g, (m) => `\\${m}`);
/**
 * Statuses as literals, not parameters: the planner matches a partial index by proving the
 * query's condition implies its predicate, which takes constants. Only the enum's own values.
 */
const statusSql = (s: WorkOrderStatus) => {
  if (!(WORK_ORDER_STATUSES as readonly string[]).includes(s)) throw new Error(`Not a status: ${s}`);
  return Prisma.raw(`'${s}'::"WorkOrderStatus"`);
};
const statusList = (xs: readonly WorkOrderStatus[]) => Prisma.join(xs.map(statusSql));
const OPEN_SQL = statusList(OPEN_STATUSES);
const DONE_STATUSES = WORK_ORDER_STATUSES.filter((s) => !isOpen(s));
/** The deadline an order sorts by (alias w): the next unmet one; a finished order's resolution deadline. */
const DUE = Prisma.sql`(case when w."firstRespondedAt" is null and w."status" in (${OPEN_SQL}) then w."firstResponseDueAt" else w."resolveDueAt" end)`;

/** A clock is soon due (slaFlag's "soon", not yet overdue) at `now`. */
const soonSql = (due: Prisma.Sql, now: Date) =>
  Prisma.sql`(${due} >= ${now} and ${due} - ${now}::timestamptz <= least(${`${SOON_MAX_MS} milliseconds`}::interval, (${due} - w."createdAt") * ${SOON_SHARE}::float8))`;

/** An order number as typed: "123", "#123", "No.123". */
function orderNumberOf(q: string): number | null {
  const m = /^(?:#|no\.?\s*)?(\d{1,9})$/i.exec(q);
  return m ? Number(m[1]) : null;
}

/** Every filter but the status (the counts per status are taken under these). */
function filtersSql(tenantId: string, input: BoardQuery, now: Date, search: Prisma.Sql | null): Prisma.Sql {
  const and: Prisma.Sql[] = [Prisma.sql`w."tenantId" = ${tenantId}`];
  if (input.communityId) and.push(Prisma.sql`w."communityId" = ${input.communityId}`);
  if (input.categoryId) and.push(Prisma.sql`w."categoryId" = ${input.categoryId}`);
  if (input.priority) and.push(Prisma.sql`w."priority" = ${input.priority}::"WorkOrderPriority"`);
  if (input.assigneeId === 'none') and.push(Prisma.sql`w."assigneeId" is null`);
  else if (input.assigneeId) and.push(Prisma.sql`w."assigneeId" = ${input.assigneeId}`);
  if (input.sla) {
    // Only a running clock is overdue or soon due: an open order, not paused by a pending quote.
    const running = Prisma.sql`w."status" in (${OPEN_SQL}) and w."pausedSince" is null`;
    const firstOpen = Prisma.sql`w."firstRespondedAt" is null`;
    if (input.sla === 'overdue') {
      and.push(Prisma.sql`${running} and ((${firstOpen} and w."firstResponseDueAt" < ${now}) or w."resolveDueAt" < ${now})`);
    } else {
      and.push(
        Prisma.sql`${running} and not ((${firstOpen} and w."firstResponseDueAt" < ${now}) or w."resolveDueAt" < ${now})
                   and ((${firstOpen} and ${soonSql(Prisma.sql`w."firstResponseDueAt"`, now)}) or ${soonSql(Prisma.sql`w."resolveDueAt"`, now)})`,
      );
    }
  }
  if (search) and.push(search);
  return Prisma.join(and, ' and ');
}

interface RawRow {
  id: string;
  number: number;
  status: WorkOrderStatus;
  priority: WorkOrderPriority;
  category_name: string;
  item_name: string | null;
  community_name: string;
  building_name: string | null;
  entrance: string | null;
  unit_number: string | null;
  excerpt: string;
  assignee_id: string | null;
  assignee_name: string | null;
  firstResponseDueAt: Date;
  resolveDueAt: Date;
  firstRespondedAt: Date | null;
  completedAt: Date | null;
  pausedSince: Date | null;
  createdAt: Date;
  escalated: boolean;
}

function show(r: RawRow, now: Date): BoardRow {
  const running = r.status !== 'CANCELLED';
  // An open order is not resolved, even when it was completed once and reopened.
  const resolvedAt = isOpen(r.status) ? null : r.completedAt;
  return {
    id: r.id,
    number: r.number,
    status: r.status,
    priority: r.priority,
    categoryName: r.category_name,
    itemName: r.item_name,
    communityName: r.community_name,
    unitLabel: r.unit_number === null ? null : unitLabel({ building: r.building_name, entrance: r.entrance, number: r.unit_number }),
    excerpt: r.excerpt,
    assignee: r.assignee_id ? { id: r.assignee_id, name: r.assignee_name ?? '' } : null,
    firstResponseDueAt: r.firstResponseDueAt,
    resolveDueAt: r.resolveDueAt,
    firstRespondedAt: r.firstRespondedAt,
    pausedSince: r.pausedSince,
    sla: {
      firstResponse: running
        ? slaFlag({ createdAt: r.createdAt, dueAt: r.firstResponseDueAt, doneAt: r.firstRespondedAt, pausedSince: r.pausedSince }, now)
        : null,
      resolution: running ? slaFlag({ createdAt: r.createdAt, dueAt: r.resolveDueAt, doneAt: resolvedAt, pausedSince: r.pausedSince }, now) : null,
    },
    escalated: r.escalated,
    createdAt: r.createdAt,
  };
}

/**
 * What a search names: the order number exactly, the text or the unit number containing it. One
 * pass over the company's orders (under row-level security LIKE cannot use the trigram index, so
 * the text is read anyway; the units whose number matches are looked up once). LIKE when the
 * words have no case (Chinese, digits): several times cheaper than ILIKE, same answer.
 */
function searchSql(tenantId: string, q: string): Prisma.Sql {
  const pattern = `%${like(q)}%`;
  const op = q.toLowerCase() === q.toUpperCase() ? Prisma.sql`like` : Prisma.sql`ilike`;
  const number = orderNumberOf(q);
  return Prisma.sql`(w."text" ${op} ${pattern}
    or w."unitId" in (select u."id" from "Unit" u where u."tenantId" = ${tenantId} and u."number" ${op} ${pattern})
    ${number !== null ? Prisma.sql`or w."number" = ${number}` : Prisma.empty})`;
}

type Page = { counts: Partial<Record<WorkOrderStatus, number>>; ids: string[] };

/**
 * A search: its matches are few next to the company's orders, so they are collected once
 * (materialized) and both the counts and the page are taken from them, in one statement.
 */
async function searchPage({ db }: Scope, where: Prisma.Sql, statuses: WorkOrderStatus[], pageSize: number, offset: number): Promise<Page> {
  const [r] = await db.$queryRaw<Page[]>`
    with m as materialized (select w."id", w."status", ${DUE} as due, w."number" from "WorkOrder" w where ${where}),
         c as (select m."status", count(*)::int as n from m group by m."status"),
         p as (select m."id", m.due, m."number" from m where m."status" in (${statusList(statuses)}) order by m.due, m."number" limit ${pageSize} offset ${offset})
    select (select coalesce(json_object_agg(c."status", c.n), '{}'::json) from c) as counts,
           (select coalesce(json_agg(p."id" order by p.due, p."number"), '[]'::json) from p) as ids`;
  return r!;
}

/**
 * The board without a search: the counts as index-only scans of open and finished orders apart;
 * the page merged from one deadline-ordered scan per (status, clock), each stopping after a
 * page's worth.
 */
async function boardPage(scope: Scope, input: BoardQuery, where: Prisma.Sql, statuses: WorkOrderStatus[], offset: number): Promise<Page> {
  const { db } = scope;
  const now = scope.now ?? new Date();
  // With an SLA filter only open orders can match.
  const grouped = await db.$queryRaw<{ status: WorkOrderStatus; n: number }[]>`
    select w."status", count(*)::int as n from "WorkOrder" w where ${where} and w."status" in (${OPEN_SQL}) group by w."status"
    ${input.sla ? Prisma.empty : Prisma.sql`union all select w."status", count(*)::int as n from "WorkOrder" w where ${where} and w."status" in (${statusList(DONE_STATUSES)}) group by w."status"`}`;
  const counts = Object.fromEntries(grouped.map((g) => [g.status, g.n]));
  const total = statuses.reduce((sum, s) => sum + (counts[s] ?? 0), 0);
  if (total <= offset) return { counts, ids: [] };

  const want = offset + input.pageSize;
  const branch = (cond: Prisma.Sql, due: Prisma.Sql) =>
    Prisma.sql`(select w."id", ${due} as due, w."number" from "WorkOrder" w where ${where} and ${cond} order by due, w."number" limit ${want})`;
  // The SLA filters again as ranges of the clock a scan is ordered by: overdue before now; soon
  // within the next 2 hours (and not overdue: the first response is due before the resolution).
  const range = (due: Prisma.Sql) =>
    input.sla === 'overdue'
      ? Prisma.sql` and ${due} < ${now}`
      : input.sla === 'soon'
        ? Prisma.sql` and ${due} >= ${now} and ${due} <= ${new Date(now.getTime() + SOON_MAX_MS)}`
        : Prisma.empty;
  const first = Prisma.sql`w."firstResponseDueAt"`;
  const resolve = Prisma.sql`w."resolveDueAt"`;
  const branches: Prisma.Sql[] = [];
  for (const s of statuses.filter(isOpen)) {
    branches.push(branch(Prisma.sql`w."status" = ${statusSql(s)} and w."firstRespondedAt" is null${range(first)}`, first));
    branches.push(branch(Prisma.sql`w."status" = ${statusSql(s)} and w."firstRespondedAt" is not null${range(resolve)}`, resolve));
  }
  const done = statuses.filter((s) => !isOpen(s));
  if (done.length) branches.push(branch(Prisma.sql`w."status" in (${statusList(done)})`, resolve));
  const page = await db.$queryRaw<{ id: string }[]>`
    select p."id" from (${Prisma.join(branches, ' union all ')}) p order by p.due, p."number" limit ${input.pageSize} offset ${offset}`;
  return { counts, ids: page.map((p) => p.id) };
}

/** The rows of a page, in the page's order. */
async function pageRows({ db, tenantId }: Scope, ids: string[]): Promise<RawRow[]> {
  if (ids.length === 0) return [];
  const rows = await db.$queryRaw<RawRow[]>`
    select w."id", w."number", w."status", w."priority", cat."name" as category_name, it."name" as item_name, c."name" as community_name,
           bu."name" as building_name, u."entrance", u."number" as unit_number, left(w."text", ${EXCERPT}) as excerpt,
           w."assigneeId" as assignee_id, au."name" as assignee_name,
           w."firstResponseDueAt", w."resolveDueAt", w."firstRespondedAt", w."completedAt", w."pausedSince", w."createdAt",
           exists (select 1 from "StreetEscalation" e where e."tenantId" = w."tenantId" and e."orderId" = w."id") as escalated
      from "WorkOrder" w
      join "ServiceCategory" cat on cat."tenantId" = w."tenantId" and cat."id" = w."categoryId"
      left join "ServiceItem" it on it."tenantId" = w."tenantId" and it."id" = w."itemId"
      join "Community" c on c."tenantId" = w."tenantId" and c."id" = w."communityId"
      left join "Unit" u on u."tenantId" = w."tenantId" and u."id" = w."unitId"
      left join "Building" bu on bu."tenantId" = u."tenantId" and bu."id" = u."buildingId"
      left join "Membership" m on m."tenantId" = w."tenantId" and m."id" = w."assigneeId"
      left join "User" au on au."id" = m."userId"
     where w."tenantId" = ${tenantId} and w."id" = any(${ids}::text[])`;
  const at = new Map(ids.map((id, i) => [id, i]));
  return rows.sort((a, b) => at.get(a.id)! - at.get(b.id)!);
}

/** The board for holders of workorders.board (admins, executives, dispatchers). */
export async function listBoard(scope: Scope, member: Member, input: BoardQuery): Promise<Board> {
  if (!can(member, 'workorders.board')) throw new AppError('FORBIDDEN', 'forbidden');
  const now = scope.now ?? new Date();
  const q = input.q?.trim();
  const where = filtersSql(scope.tenantId, input, now, q ? searchSql(scope.tenantId, q) : null);
  const statuses = input.status.length ? [...new Set(input.status)] : [...OPEN_STATUSES];
  const offset = (input.page - 1) * input.pageSize;
  const page = q ? await searchPage(scope, where, statuses, input.pageSize, offset) : await boardPage(scope, input, where, statuses, offset);
  const counts = Object.fromEntries(WORK_ORDER_STATUSES.map((s) => [s, page.counts[s] ?? 0])) as Record<WorkOrderStatus, number>;
  const total = statuses.reduce((sum, s) => sum + counts[s], 0);
  const rows = await pageRows(scope, page.ids);
  return { rows: rows.map((r) => show(r, now)), total, counts, now };
}
