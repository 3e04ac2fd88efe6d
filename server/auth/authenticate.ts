import type { PrismaClient } from '../db/generated/client';
import { AppError } from '../errors';
import { verifyPassword } from './password';
import { assertSignInAllowed, clearFailedSignIns, recordFailedSignIn } from './throttle';
import { ZSignIn } from './schemas';

export interface SessionUser {
  id: string;
  email: string;
  name: string;
}

/** Checks an e-mail and password, throttled per account and IP. One message for every failure. */
export async function authenticate(prisma: PrismaClient, input: { email: string; password: string; ip: string }): Promise<SessionUser> {
  const parsed = ZSignIn.safeParse(input);
  if (!parsed.success) throw new AppError('BAD_REQUEST', 'Enter your e-mail and password');
  const { email, password } = parsed.data;
  await assertSignInAllowed(prisma, email, input.ip);
  const user = await prisma.user.findUnique({ where: { email } });
  if (!user || !(await verifyPassword(user.passwordHash, password))) {
    await recordFailedSignIn(prisma, email, input.ip);
    throw new AppError('UNAUTHORIZED', 'Wrong e-mail or password');
  }
  await clearFailedSignIns(prisma, email);
  return { id: user.id, email: user.email, name: user.name };
}
