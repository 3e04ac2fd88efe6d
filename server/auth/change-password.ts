import 'server-only';
import type { PrismaClient } from '../db/generated/client';
import type { z } from 'zod';
import { passwordOfUser, setPassword } from '../db/system';
import { AppError } from '../errors';
import { hashPassword, verifyPassword } from './password';
import { checkSecret } from './throttle';
import { endAllSessions } from './sessions';
import { sendAccountMail } from './account-mail';
import { ZChangePassword, ZSetFirstPassword } from '../shared/schemas/auth';

/**
 * Changes the signed-in user's password. The current password is checked under the same
 * throttle (and counters) as sign-in; on success every session of the user ends.
 */
export async function changePassword(prisma: PrismaClient, input: z.output<typeof ZChangePassword> & { userId: string; email: string | null; ip: string }) {
  const data = input;
  const current = await passwordOfUser(prisma, input.userId);
  const ok = await checkSecret(
    prisma,
    { kind: 'password', subject: input.email ?? `user:${input.userId}`, ip: input.ip },
    async () => (await verifyPassword(current, data.currentPassword)) || false,
    { onDailyCap: input.email ? () => sendAccountMail(prisma, { kind: 'daily-cap', to: input.email! }).then(() => undefined) : undefined },
  );
  if (!ok) throw new AppError('UNAUTHORIZED', 'currentPasswordWrong', undefined, { field: 'currentPassword' });
  const hash = await hashPassword(data.newPassword);
  await prisma.$transaction(async (tx) => {
    await setPassword(tx, input.userId, hash);
    await endAllSessions(tx, input.userId);
  });
  return { ok: true as const };
}

/** Whether the signed-in user has a password (an account made by phone may have none). */
export async function hasPassword(prisma: PrismaClient, userId: string) {
  return { hasPassword: (await passwordOfUser(prisma, userId)) !== null };
}

/**
 * A first password for an account made by phone (signed in by an SMS code): no current one to
 * give. Refused once the account has a password (that is changed with the current one). Every
 * other session ends, as with a change.
 */
export async function setFirstPassword(prisma: PrismaClient, input: z.output<typeof ZSetFirstPassword> & { userId: string }) {
  const hash = await hashPassword(input.newPassword);
  await prisma.$transaction(async (tx) => {
    // Locked: two first passwords at once cannot both be "first".
    await tx.$queryRaw`select 1 from "User" where "id" = ${input.userId} for update`;
    if ((await passwordOfUser(tx, input.userId)) !== null) throw new AppError('CONFLICT', 'passwordAlreadySet');
    await setPassword(tx, input.userId, hash);
    await endAllSessions(tx, input.userId);
  });
  return { ok: true as const };
}
