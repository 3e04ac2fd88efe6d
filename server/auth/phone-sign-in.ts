import 'server-only';
import { createHmac, randomInt } from 'node:crypto';
import type { z } from 'zod';
import type { PrismaClient } from '../db/generated/client';
import { withTenant } from '../db/tenant';
import { consumePhoneCode, invitationsByPhone, issuePhoneCode, passwordForPhone, residentsByPhone } from '../db/system';
import { AppError } from '../errors';
import { enqueueAccountSms } from '../notifications/outbox';
import { serverTranslator } from '../i18n/translator';
import { reserveSms } from '../sms/caps';
import { smsAvailable } from '../sms/config';
import { recordAudit } from '../tenancy/audit';
import { ZPhoneCodeSignIn, ZPhonePasswordSignIn, ZRequestPhoneCode } from '../shared/schemas/auth';
import { verifyPassword } from './password';
import { authSecret } from './secret';
import { checkSecret } from './throttle';
import type { SessionUser } from './authenticate';

// Sign-in by phone: a one-time code by SMS, or a password the person set.
//
// Who may sign in with a phone: a user with that phone; or a resident (not archived, not yet
// linked to another user) with that phone in some company; or an open invitation to that
// phone. The first sign-in then makes the user (the resident's name) and links them: the
// resident records get the user, the companies a RESIDENT membership, the invitations are
// accepted. Nothing here tells whether a phone is known: every request for a code is counted
// against the SMS caps and stores a code alike; only a known phone is sent one.
//
// Codes: 6 digits from crypto, valid 5 minutes, one live code per phone (a new one spends the
// older), stored as an HMAC under the server's secret (a leaked table gives no codes), checked
// through the same throttle as passwords (kind 'sms-code': the sixth wrong try is refused).

export const PHONE_CODE = { digits: 6, validMinutes: 5 } as const;

const codeHash = (phone: string, code: string) => createHmac('sha256', authSecret()).update(`phone-code:${phone}:${code}`).digest('hex');

export const newPhoneCode = () => String(randomInt(0, 10 ** PHONE_CODE.digits)).padStart(PHONE_CODE.digits, '0');

function assertAvailable() {
  if (!smsAvailable()) throw new AppError('PRECONDITION_FAILED', 'phoneSignInOff');
}

/** Whether a phone may sign in (see above); what to link when it does. */
async function phoneAccess(prisma: PrismaClient, phone: string, now: Date) {
  const user = await passwordForPhone(prisma, phone);
  const residents = (await residentsByPhone(prisma, phone)).filter((r) => !r.userId || r.userId === user?.userId);
  const invitations = await invitationsByPhone(prisma, phone, now);
  return { user, residents, invitations, allowed: !!user || residents.length > 0 || invitations.length > 0 };
}

export interface PhoneCodeRequest {
  sent: true;
  /** embedded demo only (no SMS provider): the code, shown on the sign-in page */
  demoCode: string | null;
}

/**
 * Sends a sign-in code to a phone. Answers alike for known and unknown phones (the caps count
 * both, a code is stored for both); throws TOO_MANY_REQUESTS (`smsTooSoon`) over the caps.
 */
export async function requestPhoneCode(
  prisma: PrismaClient,
  input: z.output<typeof ZRequestPhoneCode> & { ip: string },
  opts: { showCode: boolean; now?: Date },
): Promise<PhoneCodeRequest> {
  assertAvailable();
  const { phone } = input;
  const now = opts.now ?? new Date();
  await reserveSms(prisma, { phone, ip: input.ip, kind: 'sign-in-code', now });
  const code = newPhoneCode();
  await issuePhoneCode(prisma, phone, codeHash(phone, code), new Date(now.getTime() + PHONE_CODE.validMinutes * 60_000), now);
  const access = await phoneAccess(prisma, phone, now);
  if (access.allowed) {
    const t = serverTranslator('zh-CN');
    await enqueueAccountSms(prisma, { phone, subject: t('sms.signInCodeSubject'), text: t('sms.signInCode', { code, minutes: PHONE_CODE.validMinutes }) });
  }
  return { sent: true, demoCode: opts.showCode ? code : null };
}

/**
 * Signs in with a phone and its code under the secret throttle. A wrong, expired or spent code
 * (or a phone that may not sign in) is `wrongCode`; the first sign-in makes and links the user.
 */
export async function signInWithPhoneCode(
  prisma: PrismaClient,
  input: z.input<typeof ZPhoneCodeSignIn> & { ip: string },
  opts: { now?: Date } = {},
): Promise<SessionUser> {
  assertAvailable();
  const parsed = ZPhoneCodeSignIn.safeParse(input);
  if (!parsed.success) throw new AppError('BAD_REQUEST', 'wrongCode');
  const { phone, code } = parsed.data;
  const now = opts.now ?? new Date();
  const user = await checkSecret(
    prisma,
    { kind: 'sms-code', subject: phone, ip: input.ip },
    async () => ((await consumePhoneCode(prisma, phone, codeHash(phone, code), now)) ? ((await linkPhoneUser(prisma, phone, now)) ?? false) : false),
    { now },
  );
  if (!user) throw new AppError('UNAUTHORIZED', 'wrongCode');
  return user;
}

/** Signs in with a phone and password (a phone user who set one), under the same throttle. */
export async function signInWithPhonePassword(
  prisma: PrismaClient,
  input: z.input<typeof ZPhonePasswordSignIn> & { ip: string },
  opts: { now?: Date } = {},
): Promise<SessionUser> {
  assertAvailable();
  const parsed = ZPhonePasswordSignIn.safeParse(input);
  if (!parsed.success) throw new AppError('BAD_REQUEST', 'wrongPhoneCredentials');
  const { phone, password } = parsed.data;
  const now = opts.now ?? new Date();
  const found = await passwordForPhone(prisma, phone);
  const ok = await checkSecret(
    prisma,
    { kind: 'password', subject: `phone:${phone}`, ip: input.ip },
    async () => ((await verifyPassword(found?.hash, password)) && found ? true : false),
    { now },
  );
  if (!ok) throw new AppError('UNAUTHORIZED', 'wrongPhoneCredentials');
  return (await linkPhoneUser(prisma, phone, now))!;
}

/**
 * The user of a phone, made on first sign-in, and linked to every resident record and open
 * invitation of that phone. Null when the phone may not sign in. Each company in its own
 * transaction (its own tenant scope); a membership that was disabled is never re-activated.
 */
export async function linkPhoneUser(prisma: PrismaClient, phone: string, now = new Date()): Promise<SessionUser | null> {
  const access = await phoneAccess(prisma, phone, now);
  if (!access.allowed) return null;
  let userId = access.user?.userId;
  if (!userId) {
    const name = access.residents[0]?.name ?? (await invitationName(prisma, access.invitations[0])) ?? phone;
    try {
      userId = (await prisma.user.create({ data: { phone, name }, select: { id: true } })).id;
    } catch (e) {
      // Two first sign-ins at once: the other made the user.
      const again = await passwordForPhone(prisma, phone);
      if (!again) throw e;
      userId = again.userId;
    }
  }
  const uid = userId;

  for (const r of access.residents) {
    if (r.userId) continue;
    await withTenant(prisma, r.tenantId, async (db) => {
      const linked = await db.resident.updateMany({ where: { tenantId: r.tenantId, id: r.residentId, userId: null, archivedAt: null }, data: { userId: uid } });
      if (linked.count !== 1) return;
      const membership = await db.membership.findUnique({ where: { tenantId_userId: { tenantId: r.tenantId, userId: uid } } });
      if (!membership) await db.membership.create({ data: { tenantId: r.tenantId, userId: uid, role: 'RESIDENT' } });
      await recordAudit(db, {
        tenantId: r.tenantId,
        actorId: uid,
        action: 'resident.linkPhone',
        entity: 'Resident',
        entityId: r.residentId,
        after: { userId: uid },
      });
    });
  }

  for (const i of access.invitations) {
    await withTenant(prisma, i.tenantId, async (db) => {
      const claimed = await db.invitation.updateMany({
        where: { tenantId: i.tenantId, id: i.invitationId, phone, acceptedAt: null, revokedAt: null, expiresAt: { gt: now } },
        data: { acceptedAt: now },
      });
      if (claimed.count !== 1) return;
      const inv = await db.invitation.findUniqueOrThrow({ where: { tenantId_id: { tenantId: i.tenantId, id: i.invitationId } } });
      const membership = await db.membership.findUnique({ where: { tenantId_userId: { tenantId: i.tenantId, userId: uid } } });
      if (!membership) await db.membership.create({ data: { tenantId: i.tenantId, userId: uid, role: inv.role } });
      if (inv.residentId) {
        await db.resident.updateMany({ where: { tenantId: i.tenantId, id: inv.residentId, userId: null }, data: { userId: uid } });
      }
      await recordAudit(db, {
        tenantId: i.tenantId,
        actorId: uid,
        action: 'invitation.accept',
        entity: 'Invitation',
        entityId: inv.id,
        after: { userId: uid, role: inv.role, by: 'phone' },
      });
    });
  }

  return prisma.user.findUniqueOrThrow({ where: { id: uid }, select: { id: true, email: true, name: true, sessionVersion: true } });
}

async function invitationName(prisma: PrismaClient, i: { tenantId: string; invitationId: string } | undefined) {
  if (!i) return null;
  return withTenant(prisma, i.tenantId, async (db) => {
    const inv = await db.invitation.findUnique({ where: { tenantId_id: { tenantId: i.tenantId, id: i.invitationId } }, select: { name: true } });
    return inv?.name ?? null;
  });
}
