import type { Context } from './trpc';
import { getDatabase } from '../db';
import { currentSession } from '../auth/session';

/** Builds the tRPC context from a request's headers (route handler and server components). */
export async function createContext(h: Headers): Promise<Context> {
  const db = await getDatabase();
  const s = await currentSession();
  const proto = h.get('x-forwarded-proto') ?? 'http';
  const host = h.get('x-forwarded-host') ?? h.get('host') ?? 'localhost:3000';
  return {
    prisma: db.prisma,
    user: s ? { id: s.userId, email: s.email, name: s.name } : null,
    ip: h.get('x-forwarded-for')?.split(',')[0]?.trim() ?? 'unknown',
    origin: process.env.APP_URL ?? `${proto}://${host}`,
  };
}
