import 'server-only';
import { pageWindow } from '../../shared/paging';
import type { Scope } from '../../db/scope';
import type { z } from 'zod';
import { notFound } from '../../errors';
import { userNames } from '../common';
import { ZListRuns, ZById } from '../../shared/schemas/billing';

export async function listRuns({ db, tenantId }: Scope, q: z.output<typeof ZListRuns>) {
  const where = { tenantId, ...(q.period ? { period: q.period } : {}) };
  const total = await db.billingRun.count({ where });
  const rows = await db.billingRun.findMany({ where, orderBy: { createdAt: 'desc' }, ...pageWindow(q) });
  const who = await userNames(
    db,
    rows.flatMap((r) => [r.createdById, r.undoneById]),
  );
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
