import 'server-only';
import { randomUUID } from 'node:crypto';
import type { NextAuthOptions, Session } from 'next-auth';
import CredentialsProvider from 'next-auth/providers/credentials';
import { getDatabase } from '../db';
import { AppError } from '../errors';
import { keyMessage } from '../shared/error-key';
import { env, isEmbedded } from '../env';
import { authenticate, type SessionUser } from './authenticate';
import { signInWithPhoneCode, signInWithPhonePassword } from './phone-sign-in';
import { authSecret } from './secret';
import { clientIp } from '../http/client-ip';
import { revokeSession, sessionIsCurrent, type SessionClaims } from './sessions';
import { noteThrottled } from './sign-in-outcome';
import { throttleWait } from './throttle';

// next-auth v4 decides secure cookies from its origin. A production server with a database has
// an APP_URL (required there) and takes it; so does any https APP_URL. Otherwise (the embedded
// demo, a local http APP_URL such as the e2e server's) the origin comes from the request
// (x-forwarded-proto behind a proxy), so cookies are Secure whenever the app is served over https.
if (env.APP_URL && !process.env.NEXTAUTH_URL && (env.APP_URL.startsWith('https://') || (env.NODE_ENV === 'production' && !isEmbedded())))
  process.env.NEXTAUTH_URL = env.APP_URL;
if (!process.env.NEXTAUTH_URL) process.env.AUTH_TRUST_HOST ??= 'true';

export const SESSION_MAX_AGE_SECONDS = 12 * 60 * 60;

let options: NextAuthOptions | undefined;

/** Runs a sign-in check; a refusal's key message goes to the client, a throttle wait to the 429. */
async function authorizeWith(check: () => Promise<SessionUser>): Promise<SessionUser> {
  try {
    return await check();
  } catch (e) {
    // next-auth passes the message to the client as `error`: the key message, rendered there.
    const wait = throttleWait(e);
    if (wait !== null) noteThrottled(wait);
    if (e instanceof AppError) throw new Error(keyMessage(e.key, e.params));
    throw e;
  }
}

/** Built on first use: the secret may be read from the data folder. */
export function authOptions(): NextAuthOptions {
  options ??= {
    secret: authSecret(),
    session: { strategy: 'jwt', maxAge: SESSION_MAX_AGE_SECONDS, updateAge: 60 * 60 },
    pages: { signIn: '/sign-in' },
    providers: [
      CredentialsProvider({
        name: 'E-mail',
        credentials: { email: { type: 'email' }, password: { type: 'password' } },
        async authorize(credentials, req) {
          const db = await getDatabase();
          return authorizeWith(() =>
            authenticate(db.prisma, {
              email: credentials?.email ?? '',
              password: credentials?.password ?? '',
              ip: clientIp(req?.headers as Record<string, unknown>),
            }),
          );
        },
      }),
      // Sign-in by phone (server/auth/phone-sign-in.ts): a code sent by SMS, or a password.
      CredentialsProvider({
        id: 'phone',
        name: 'Phone',
        credentials: { phone: { type: 'tel' }, code: { type: 'text' }, password: { type: 'password' } },
        async authorize(credentials, req) {
          const db = await getDatabase();
          const ip = clientIp(req?.headers as Record<string, unknown>);
          const phone = credentials?.phone ?? '';
          return authorizeWith(() =>
            credentials?.password
              ? signInWithPhonePassword(db.prisma, { phone, password: credentials.password, ip })
              : signInWithPhoneCode(db.prisma, { phone, code: credentials?.code ?? '', ip }),
          );
        },
      }),
    ],
    callbacks: {
      jwt({ token, user }) {
        if (user) {
          token.uid = user.id;
          token.sv = (user as { sessionVersion?: number }).sessionVersion ?? 0;
          token.sid = randomUUID();
        }
        return token;
      },
      // Runs for every getServerSession (server components, the tRPC context) and
      // /api/auth/session: a session whose version moved on, or that was signed out, is none.
      async session({ session, token }) {
        const db = await getDatabase();
        if (!(await sessionIsCurrent(db.prisma, token as SessionClaims))) return { expires: session.expires } as Session;
        if (session.user && typeof token.uid === 'string') (session.user as { id?: string }).id = token.uid;
        return session;
      },
    },
    events: {
      // Plain sign-out ends this session on the server too, not only its cookie.
      async signOut({ token }) {
        if (typeof token?.sid !== 'string') return;
        const db = await getDatabase();
        const exp = typeof token.exp === 'number' ? new Date(token.exp * 1000) : new Date(Date.now() + SESSION_MAX_AGE_SECONDS * 1000);
        await revokeSession(db.prisma, token.sid, exp);
      },
    },
  };
  return options;
}
