import 'server-only';
import { createHash, randomBytes } from 'node:crypto';
import type { PrismaClient } from '../db/generated/client';
import type { z } from 'zod';
import { setPassword } from '../db/system';
import { AppError } from '../errors';
import { hashPassword } from './password';
import { checkSecret } from './throttle';
import { endAllSessions } from './sessions';
import { sendAccountMail, type SentMail } from './account-mail';
import { ZRequestPasswordReset, ZResetPassword } from '../shared/schemas/auth';

export const RESET_LINK_MINUTES = 30;

const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

/**
 * Sends a one-time reset link (30 minutes) to the e-mail if it has an account. Answers the
 * same either way. Only the token's hash is stored; a newer link replaces older ones.
 */
export async function requestPasswordReset(
  prisma: PrismaClient,
  { email }: z.output<typeof ZRequestPasswordReset>,
  opts: { showMail: boolean; now?: Date },
): Promise<{ sent: true; demoMail: SentMail | null }> {
  const now = opts.now ?? new Date();
  const user = await prisma.user.findUnique({ where: { email }, select: { id: true } });
  if (!user) return { sent: true, demoMail: null };
  const mail = await prisma.$transaction(async (tx) => {
    const token = await issueResetToken(tx, user.id, RESET_LINK_MINUTES, now);
    return sendAccountMail(tx, { kind: 'reset-link', to: email, token });
  });
  return { sent: true, demoMail: opts.showMail ? mail : null };
}

/**
 * A new one-time link token for the user's password (reset, or a first password for an account
 * made for someone, e.g. a street-office liaison): only its hash is stored, and older unused
 * links are spent.
 */
export async function issueResetToken(tx: Pick<PrismaClient, 'passwordReset'>, userId: string, minutes: number, now: Date): Promise<string> {
  const token = randomBytes(32).toString('base64url');
  await tx.passwordReset.updateMany({ where: { userId, usedAt: null }, data: { usedAt: now } });
  await tx.passwordReset.create({ data: { userId, tokenHash: hashToken(token), expiresAt: new Date(now.getTime() + minutes * 60_000) } });
  return token;
}

/**
 * Sets a new password with a reset link: single use, unexpired, checked under the throttle
 * (per IP: the token is random, there is no account to count against). Every session ends.
 */
export async function resetPassword(prisma: PrismaClient, input: z.output<typeof ZResetPassword> & { ip: string; now?: Date }) {
  const data = input;
  const now = input.now ?? new Date();
  const done = await checkSecret(
    prisma,
    { kind: 'reset-link', subject: null, ip: input.ip },
    () =>
      prisma.$transaction(async (tx) => {
        // Claimed in one statement: of two concurrent uses, one gets the row.
        const [claimed] = await tx.$queryRaw<{ userId: string }[]>`
        update "PasswordReset" set "usedAt" = ${now}
        where "tokenHash" = ${hashToken(data.token)} and "usedAt" is null and "expiresAt" > ${now}
        returning "userId"`;
        if (!claimed) return false as const;
        // Hashed only for a valid link: refused and wrong attempts cost no hashing.
        await setPassword(tx, claimed.userId, await hashPassword(data.password));
        await endAllSessions(tx, claimed.userId);
        const user = await tx.user.findUniqueOrThrow({ where: { id: claimed.userId }, select: { email: true } });
        return { email: user.email };
      }),
    { now },
  );
  if (!done) throw new AppError('NOT_FOUND', 'linkInvalid');
  return done;
}
