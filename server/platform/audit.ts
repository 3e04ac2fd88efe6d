import 'server-only';
import type { Prisma, PrismaClient } from '../db/generated/client';
import { pageWindow, type PageQuery } from '../shared/paging';
import type { PlatformScope } from './scope';

type Tx = Pick<PrismaClient, 'platformAudit'>;

const json = (v: unknown) => JSON.parse(JSON.stringify(v)) as Prisma.InputJsonValue;

/** Every change made in /platform, in the same transaction as the change (append-only table). */
export async function recordPlatformAudit(tx: Tx, e: { actorEmail: string; action: string; companyId?: string | null; before?: unknown; after?: unknown }) {
  await tx.platformAudit.create({
    data: {
      actorEmail: e.actorEmail,
      action: e.action,
      companyId: e.companyId ?? null,
      ...(e.before == null ? {} : { before: json(e.before) }),
      ...(e.after == null ? {} : { after: json(e.after) }),
    },
  });
}

/** The newest changes first. */
export async function listPlatformAudit({ prisma }: PlatformScope, input: PageQuery) {
  const total = await prisma.platformAudit.count();
  const rows = await prisma.platformAudit.findMany({ orderBy: [{ createdAt: 'desc' }, { id: 'desc' }], ...pageWindow(input) });
  return { rows, total, page: input.page, pageSize: input.pageSize };
}
