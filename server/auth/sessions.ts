import 'server-only';
import type { PrismaClient } from '../db/generated/client';
import type { TenantDb } from '../db/tenant';

// Revocable sessions. A session's token carries the user's sessionVersion (sv) from when it
// was signed in and a session id (sid). Each request (the next-auth session callback, which
// currentSession and the tRPC context go through) checks both: bumping User.sessionVersion
// ends every session of the user; a plain sign-out records its sid until the token would
// have expired anyway.

export interface SessionClaims {
  uid?: unknown;
  sv?: unknown;
  sid?: unknown;
}

export async function sessionIsCurrent(prisma: PrismaClient, t: SessionClaims): Promise<boolean> {
  if (typeof t.uid !== 'string' || typeof t.sv !== 'number' || typeof t.sid !== 'string') return false;
  const rows = await prisma.$queryRaw<{ sv: number; revoked: boolean }[]>`
    select u."sessionVersion" as sv,
           exists (select 1 from "RevokedSession" r where r."jti" = ${t.sid}) as revoked
    from "User" u where u."id" = ${t.uid}`;
  const r = rows[0];
  return !!r && Number(r.sv) === t.sv && !r.revoked;
}

/** Ends every session of the user (in the caller's transaction, if any). */
export async function endAllSessions(db: PrismaClient | TenantDb, userId: string): Promise<void> {
  await db.user.updateMany({ where: { id: userId }, data: { sessionVersion: { increment: 1 } } });
}

/** Ends one session (plain sign-out). */
export async function revokeSession(prisma: PrismaClient, sid: string, expiresAt: Date): Promise<void> {
  await prisma.revokedSession.upsert({ where: { jti: sid }, create: { jti: sid, expiresAt }, update: {} });
}

/** Background job: forget revoked sessions whose tokens have expired. */
export async function pruneRevokedSessions(prisma: PrismaClient, now = new Date()): Promise<number> {
  const { count } = await prisma.revokedSession.deleteMany({ where: { expiresAt: { lt: now } } });
  return count;
}
