import 'server-only';
import type { TenantDb } from '../db/tenant';
import type { Scope } from '../db/scope';
import { AppError } from '../errors';
import { recordAudit } from './audit';

// Four-eyes approvals (company setting requireSecondApprover, off by default): a waiver,
// discount or refund is approved by someone other than the person who requested it.
// Rejecting one's own request stays allowed (it moves no money).
export async function assertSecondApprover(db: TenantDb, tenantId: string, requesterId: string, approverId: string): Promise<void> {
  if (requesterId !== approverId) return;
  const s = await db.feeSettings.findUnique({ where: { tenantId }, select: { requireSecondApprover: true } });
  if (s?.requireSecondApprover) {
    throw new AppError('FORBIDDEN', 'secondApproverRequired');
  }
}

export async function getApprovalSettings({ db, tenantId }: Pick<Scope, 'db' | 'tenantId'>) {
  const s = await db.feeSettings.findUnique({ where: { tenantId }, select: { requireSecondApprover: true } });
  return { requireSecondApprover: s?.requireSecondApprover ?? false };
}

export async function updateApprovalSettings({ db, tenantId, actorId }: Scope, input: { requireSecondApprover: boolean }) {
  const before = await getApprovalSettings({ db, tenantId });
  await db.feeSettings.upsert({
    where: { tenantId },
    create: { tenantId, requireSecondApprover: input.requireSecondApprover },
    update: { requireSecondApprover: input.requireSecondApprover },
  });
  await recordAudit(db, {
    tenantId,
    actorId,
    action: 'company.approvals',
    entity: 'Tenant',
    entityId: tenantId,
    before,
    after: { requireSecondApprover: input.requireSecondApprover },
  });
  return { requireSecondApprover: input.requireSecondApprover };
}
