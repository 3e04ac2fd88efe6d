import 'server-only';
import { getServerSession } from 'next-auth';
import { authOptions } from './options';

export interface SessionInfo {
  userId: string;
  email: string;
  name: string;
}

/** The signed-in user for a server component or route handler, or null. */
export async function currentSession(): Promise<SessionInfo | null> {
  const s = await getServerSession(authOptions());
  const u = s?.user as { id?: string; email?: string | null; name?: string | null } | undefined;
  if (!u?.id) return null;
  return { userId: u.id, email: u.email ?? '', name: u.name ?? '' };
}
