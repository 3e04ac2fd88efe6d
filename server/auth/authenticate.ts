import 'server-only';
import type { PrismaClient } from '../db/generated/client';
import { passwordForEmail } from '../db/system';
import { AppError } from '../errors';
import { verifyPassword } from './password';
import { checkSecret } from './throttle';
import { sendAccountMail } from './account-mail';
import { ZSignIn } from '../shared/schemas/auth';

export interface SessionUser {
  id: string;
  /** null for an account made by phone */
  email: string | null;
  name: string;
  /** User.sessionVersion when signing in: the session ends when it changes */
  sessionVersion: number;
}

/**
 * Checks an e-mail and password under the secret throttle. Known and unknown e-mails get the
 * same answer after the same work (an unknown one is checked against a dummy hash).
 */
export async function authenticate(prisma: PrismaClient, input: { email: string; password: string; ip: string }): Promise<SessionUser> {
  const parsed = ZSignIn.safeParse(input);
  if (!parsed.success) throw new AppError('BAD_REQUEST', 'enterCredentials');
  const { email, password } = parsed.data;
  const found = await passwordForEmail(prisma, email);
  const userId = await checkSecret(
    prisma,
    { kind: 'password', subject: email, ip: input.ip },
    async () => ((await verifyPassword(found?.hash, password)) && found ? found.userId : false),
    { onDailyCap: found ? () => sendAccountMail(prisma, { kind: 'daily-cap', to: email }) : undefined },
  );
  if (!userId) throw new AppError('UNAUTHORIZED', 'wrongCredentials');
  const user = await prisma.user.findUniqueOrThrow({ where: { id: userId }, select: { id: true, email: true, name: true, sessionVersion: true } });
  return user;
}
