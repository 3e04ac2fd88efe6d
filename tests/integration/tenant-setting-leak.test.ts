import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, pgServerUrl, type TestDatabase } from '../helpers/test-db';
import { connectPostgres, type Database } from '@/server/db/client';
import { TenantSettingLeakError, withTenant } from '@/server/db/tenant';
import { callerFor, makeTenant } from '../helpers/fixtures';

// Behind PgBouncer in transaction mode a server connection passes from client to client with
// whatever session state the last one left. A session-level app.tenant_id planted on it must
// never become a request's tenant: the tenant builder refuses to start on such a connection.
describe.skipIf(!pgServerUrl())('tenant setting at the start of a request', () => {
  let t: TestDatabase;
  let one: Database; // one connection, so the planted setting is where the next request runs

  beforeAll(async () => {
    t = await createTestDatabase();
    one = connectPostgres(t.appUrl, { max: 1 });
  });
  afterAll(async () => {
    await one?.close();
    await t?.drop();
  });

  const plant = (tenantId: string) => one.prisma.$queryRaw`select set_config('app.tenant_id', ${tenantId}, false)`;
  const clear = () => one.prisma.$executeRawUnsafe('reset app.tenant_id');

  it('scopes a clean connection, and the transaction-local setting ends with the transaction', async () => {
    const seen = await withTenant(one.prisma, 'tenant-a', (tx) => tx.$queryRaw<{ v: string }[]>`select current_setting('app.tenant_id', true) as v`);
    expect(seen[0]!.v).toBe('tenant-a');
    await withTenant(one.prisma, 'tenant-b', async () => {}); // a second request on the same connection starts clean
  });

  it('refuses a connection with a planted session-level tenant, before running the request', async () => {
    await plant('tenant-b');
    let ran = false;
    await expect(
      withTenant(one.prisma, 'tenant-a', async () => {
        ran = true;
      }),
    ).rejects.toBeInstanceOf(TenantSettingLeakError);
    await expect(withTenant(one.prisma, 'tenant-b', async () => {})).rejects.toBeInstanceOf(TenantSettingLeakError);
    expect(ran).toBe(false);
    await clear();
    await withTenant(one.prisma, 'tenant-a', async () => {});
  });

  it('a tenant procedure fails (500, nothing read) on such a connection', async () => {
    const co = await makeTenant(one, 'Leak Co');
    const as = callerFor(one, co.admin);
    await as.property.listCommunities({ tenant: co.slug });
    await plant(co.tenant.id);
    try {
      await expect(as.property.listCommunities({ tenant: co.slug })).rejects.toMatchObject({ code: 'INTERNAL_SERVER_ERROR' });
    } finally {
      await clear();
    }
    await as.property.listCommunities({ tenant: co.slug });
  });
});
