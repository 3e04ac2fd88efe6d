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
  const token = randomBytes(32).toString('base64url');
  const mail = await prisma.$transaction(async (tx) => {
    await tx.passwordReset.updateMany({ where: { userId: user.id, usedAt: null }, data: { usedAt: now } });
    await tx.passwordReset.create({
      data: { userId: user.id, tokenHash: hashToken(token), expiresAt: new Date(now.getTime() + RESET_LINK_MINUTES * 60_000) },
    });
    return sendAccountMail(tx, { kind: 'reset-link', to: email, token });
  });
  return { sent: true, demoMail: opts.showMail ? mail : null };
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
