import NextAuth from 'next-auth';
import { authOptions } from '@/server/auth/options';
import { asThrottled, withSignInOutcome } from '@/server/auth/sign-in-outcome';

type Ctx = { params: Promise<{ nextauth: string[] }> };
// Options are built on first request (the secret may come from the data folder). A sign-in the
// throttle refused answers 429 with Retry-After (server/auth/sign-in-outcome.ts).
const handler = async (req: Request, ctx: Ctx) => {
  const [res, retryAfter] = await withSignInOutcome(() => NextAuth(authOptions())(req, ctx) as Promise<Response>);
  return retryAfter === null ? res : asThrottled(res, retryAfter);
};

export { handler as GET, handler as POST };
