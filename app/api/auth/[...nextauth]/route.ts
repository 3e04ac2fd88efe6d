import NextAuth from 'next-auth';
import { authOptions } from '@/server/auth/options';

type Ctx = { params: Promise<{ nextauth: string[] }> };
// Options are built on first request (the secret may come from the data folder).
const handler = (req: Request, ctx: Ctx) => NextAuth(authOptions())(req, ctx);

export { handler as GET, handler as POST };
