import 'server-only';
import type { Context } from './trpc';
import { getDatabase } from '../db';
import { currentSession } from '../auth/session';
import { clientIp } from '../http/client-ip';
import { appUrl } from '../env';

/** Builds the tRPC context from a request's headers (route handler and server components). */
export async function createContext(h: Headers): Promise<Context> {
  const db = await getDatabase();
  const s = await currentSession();
  return {
    prisma: db.prisma,
    user: s ? { id: s.userId, email: s.email, name: s.name } : null,
    ip: clientIp(h),
    // Links never take a request's Host or X-Forwarded-Host (a client writes those).
    origin: appUrl(),
  };
}
