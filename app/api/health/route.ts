import { boot } from '@/server/boot';
import { getDatabase } from '@/server/db';

export const dynamic = 'force-dynamic';

/** Ready when start-up (migrations, seed, jobs) has finished and the database answers. */
export async function GET() {
  try {
    await boot();
    const db = await getDatabase();
    await db.prisma.$queryRaw`select 1`;
    return Response.json({ ok: true, database: db.mode });
  } catch (e) {
    return Response.json({ ok: false, error: e instanceof Error ? e.message : String(e) }, { status: 503 });
  }
}
