import { boot } from '@/server/boot';
import { getDatabase } from '@/server/db';
import { DIAGNOSTICS_QUEUE, jobQueue } from '@/server/jobs';

// Test-only, off unless LINLI_DIAGNOSTICS=1 (the two-server pooler test sets it): what this
// server's database connections really are, and a way to enqueue a singleton job. 404 otherwise.
export const dynamic = 'force-dynamic';
const enabled = () => process.env.LINLI_DIAGNOSTICS === '1';
const notFound = () => new Response('Not found', { status: 404 });

export async function GET() {
  if (!enabled()) return notFound();
  await boot();
  const db = await getDatabase();
  const [who] = await db.prisma.$queryRaw<
    { currentUser: string; sessionUser: string; superuser: boolean; bypassRls: boolean; tenantSetting: string | null; owner: string }[]
  >`
    select current_user::text as "currentUser", session_user::text as "sessionUser", r.rolsuper as superuser,
      r.rolbypassrls as "bypassRls", current_setting('app.tenant_id', true) as "tenantSetting",
      (select pg_get_userbyid(d.datdba)::text from pg_database d where d.datname = current_database()) as owner
    from pg_roles r where r.rolname = session_user`;
  // RESET ROLE goes back to the session user, which is linli_app itself.
  const afterReset = await db.prisma.$transaction(async (tx) => {
    await tx.$executeRawUnsafe('RESET ROLE');
    const [r] = await tx.$queryRaw<{ u: string }[]>`select current_user::text as u`;
    return r!.u;
  });
  // Becoming the owner must be refused; if it were not, the transaction is rolled back anyway.
  let setRoleOwner = 'denied';
  await db.prisma
    .$transaction(async (tx) => {
      await tx.$executeRawUnsafe(`SET LOCAL ROLE "${who!.owner.replace(/"/g, '""')}"`);
      setRoleOwner = 'allowed';
      throw new Error('rollback');
    })
    .catch(() => {});
  return Response.json({ mode: db.mode, ...who, afterReset, setRoleOwner, pid: process.pid });
}

export async function POST(req: Request) {
  if (!enabled()) return notFound();
  await boot();
  const key = new URL(req.url).searchParams.get('singleton');
  const boss = jobQueue();
  if (!key || !boss) return Response.json({ error: 'need ?singleton=<key> and a running job queue' }, { status: 400 });
  const id = await boss.send(DIAGNOSTICS_QUEUE, {}, { singletonKey: key, singletonSeconds: 3600 });
  return Response.json({ id });
}
