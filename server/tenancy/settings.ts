import 'server-only';
import type { z } from 'zod';
import type { Scope } from '../db/scope';
import { recordAudit } from './audit';
import { definedOnly } from '../shared/validation';
import { ZCompanySettings } from '../shared/schemas/tenancy';

export async function updateCompanySettings({ db, tenantId, actorId, companyName, locale, timeZone }: Scope, data: z.output<typeof ZCompanySettings>) {
  const changes = definedOnly(data);
  await db.tenant.update({ where: { id: tenantId }, data: changes });
  await recordAudit(db, {
    tenantId,
    actorId,
    action: 'company.update',
    entity: 'Tenant',
    entityId: tenantId,
    before: { name: companyName, locale, timeZone },
    after: changes,
  });
}
