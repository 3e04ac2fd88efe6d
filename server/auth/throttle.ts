import type { PrismaClient } from '../db/generated/client';
import { AppError } from '../errors';

// Sign-in throttling, kept in the database so it holds across app servers and restarts.
// Counts failed attempts in a sliding window, per account and per client IP.
export const THROTTLE = { windowMinutes: 15, perAccount: 5, perIp: 30 } as const;

export async function assertSignInAllowed(prisma: PrismaClient, email: string, ip: string, now = new Date()) {
  const since = new Date(now.getTime() - THROTTLE.windowMinutes * 60_000);
  const [byAccount, byIp] = await Promise.all([
    prisma.loginAttempt.count({ where: { email, at: { gte: since } } }),
    prisma.loginAttempt.count({ where: { ip, at: { gte: since } } }),
  ]);
  if (byAccount >= THROTTLE.perAccount || byIp >= THROTTLE.perIp) {
    throw new AppError(
      'TOO_MANY_REQUESTS',
      `Too many failed sign-in attempts. Try again in ${THROTTLE.windowMinutes} minutes.`,
    );
  }
}

export async function recordFailedSignIn(prisma: PrismaClient, email: string, ip: string) {
  await prisma.loginAttempt.create({ data: { email, ip } });
}

export async function clearFailedSignIns(prisma: PrismaClient, email: string) {
  await prisma.loginAttempt.deleteMany({ where: { email } });
}

/** Background job: forget attempts older than the window. */
export async function pruneLoginAttempts(prisma: PrismaClient, now = new Date()) {
  const { count } = await prisma.loginAttempt.deleteMany({
    where: { at: { lt: new Date(now.getTime() - THROTTLE.windowMinutes * 60_000) } },
  });
  return count;
}
