import 'server-only';
import type { TenantDb } from '../db/tenant';
import type { Prisma } from '../db/generated/client';

export interface AuditEntry {
  tenantId: string;
  actorId: string | null;
  action: string;
  entity: string;
  entityId?: string | null;
  before?: unknown;
  after?: unknown;
}

const json = (v: unknown) => JSON.parse(JSON.stringify(v)) as Prisma.InputJsonValue;

/** Written in the same transaction as the change it records. Bulk operations write one entry. */
export async function recordAudit(db: TenantDb, e: AuditEntry) {
  await db.auditLog.create({
    data: {
      tenantId: e.tenantId,
      actorId: e.actorId,
      action: e.action,
      entity: e.entity,
      entityId: e.entityId ?? null,
      ...(e.before == null ? {} : { before: json(e.before) }),
      ...(e.after == null ? {} : { after: json(e.after) }),
    },
  });
}
