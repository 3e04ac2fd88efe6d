import 'server-only';
import type { PrismaClient } from '../db/generated/client';
import type { TenantDb } from '../db/tenant';
import { NO_APPLICATION_FEE, type ApplicationFee } from '../shared/application-fee';
import type { PlatformScope } from './scope';
import { recordPlatformAudit } from './audit';

// The platform's application fee per online payment (one PlatformSettings row, id "platform").
// Checkout reads it with getApplicationFee and computes the fee with applicationFeeFor
// (server/shared/application-fee.ts). PlatformSettings is not tenant-owned (no RLS): a tenant
// transaction may read it too.

const ROW = 'platform';

/** The fee now in force; none (0 bps + 0) until an operator sets one. */
export async function getApplicationFee(db: PrismaClient | TenantDb): Promise<ApplicationFee> {
  const s = await db.platformSettings.findUnique({ where: { id: ROW }, select: { applicationFeeBps: true, applicationFeeFixedFen: true } });
  return s ? { bps: s.applicationFeeBps, fixedFen: s.applicationFeeFixedFen } : NO_APPLICATION_FEE;
}

export async function getPlatformFee({ prisma }: PlatformScope) {
  const s = await prisma.platformSettings.findUnique({ where: { id: ROW } });
  return {
    bps: s?.applicationFeeBps ?? 0,
    fixedFen: s?.applicationFeeFixedFen ?? 0,
    updatedAt: s?.updatedAt ?? null,
    updatedBy: s?.updatedBy || null,
  };
}

/** Sets the fee; the change and its audit row commit together (the row is locked meanwhile). */
export async function updateApplicationFee({ prisma, actorEmail, now }: PlatformScope, input: ApplicationFee): Promise<ApplicationFee> {
  return prisma.$transaction(async (tx) => {
    await tx.platformSettings.upsert({ where: { id: ROW }, create: { id: ROW }, update: {} });
    await tx.$queryRaw`select 1 from "PlatformSettings" where "id" = ${ROW} for update`;
    const before = await getApplicationFee(tx as unknown as TenantDb);
    const after: ApplicationFee = { bps: input.bps, fixedFen: input.fixedFen };
    await tx.platformSettings.update({
      where: { id: ROW },
      data: { applicationFeeBps: after.bps, applicationFeeFixedFen: after.fixedFen, updatedAt: now ?? new Date(), updatedBy: actorEmail },
    });
    await recordPlatformAudit(tx, { actorEmail, action: 'platform.applicationFee', before, after });
    return after;
  });
}
