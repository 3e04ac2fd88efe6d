import 'server-only';
import type { z } from 'zod';
import type { TenantDb } from '../db/tenant';
import { notFound } from '../errors';
import { recordAudit } from './audit';
import { definedOnly } from '../shared/validation';
import { ZCompanySettings } from '../shared/schemas/tenancy';

export async function updateCompanySettings(db: TenantDb, input: z.input<typeof ZCompanySettings> & { tenantId: string; actorId: string }) {
  const data = ZCompanySettings.parse(input);
  const before = await db.tenant.findUnique({ where: { id: input.tenantId } });
  if (!before) throw notFound('company');
  const changes = definedOnly(data);
  await db.tenant.update({ where: { id: input.tenantId }, data: changes });
  await recordAudit(db, {
    tenantId: input.tenantId,
    actorId: input.actorId,
    action: 'company.update',
    entity: 'Tenant',
    entityId: input.tenantId,
    before: { name: before.name, locale: before.locale, timeZone: before.timeZone },
    after: changes,
  });
}
