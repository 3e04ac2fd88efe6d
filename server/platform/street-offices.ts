import 'server-only';
import type { z } from 'zod';
import { AppError, notFound } from '../errors';
import { passwordOfUser } from '../db/system';
import { issueResetToken } from '../auth/reset-password';
import { sendAccountMail, type SentMail } from '../auth/account-mail';
import type { ZAddLiaison, ZCreateStreetOffice, ZLiaisonRef } from '../shared/schemas/street';
import { recordPlatformAudit } from './audit';
import type { PlatformScope } from './scope';

// 街道 street offices and their liaison accounts, kept by platform operators (global tables).
// A liaison is an ordinary User with an active StreetLiaison row: liaisonProcedure lets them into
// /street/<office> and nothing else (they are no member of any company).

/** A new liaison with an e-mail sets a first password through a link valid this long. */
export const LIAISON_LINK_MINUTES = 7 * 24 * 60;

/** Every office with its liaisons (newest office first). */
export async function listStreetOffices({ prisma }: PlatformScope) {
  const offices = await prisma.streetOffice.findMany({
    orderBy: [{ createdAt: 'desc' }, { id: 'asc' }],
    include: { liaisons: { orderBy: { createdAt: 'asc' } } },
  });
  const users = await prisma.user.findMany({
    where: { id: { in: [...new Set(offices.flatMap((o) => o.liaisons.map((l) => l.userId)))] } },
    select: { id: true, name: true, email: true, phone: true },
  });
  const byId = new Map(users.map((u) => [u.id, u]));
  return offices.map((o) => ({
    id: o.id,
    slug: o.slug,
    name: o.name,
    district: o.district,
    createdAt: o.createdAt,
    liaisons: o.liaisons.map((l) => {
      const u = byId.get(l.userId);
      return { id: l.id, name: u?.name ?? '', email: u?.email ?? null, phone: u?.phone ?? null, disabledAt: l.disabledAt, createdAt: l.createdAt };
    }),
  }));
}

export async function createStreetOffice({ prisma, actorEmail }: PlatformScope, input: z.output<typeof ZCreateStreetOffice>) {
  return prisma.$transaction(async (tx) => {
    if (await tx.streetOffice.findUnique({ where: { slug: input.slug }, select: { id: true } })) {
      throw new AppError('CONFLICT', 'slugTaken', { slug: input.slug }, { field: 'slug' });
    }
    const office = await tx.streetOffice.create({ data: { slug: input.slug, name: input.name, district: input.district } });
    await recordPlatformAudit(tx, { actorEmail, action: 'street.office.create', after: { slug: office.slug, name: office.name, district: office.district } });
    return office;
  });
}

/**
 * Makes a person a liaison of the office: the account with that e-mail or phone (one account;
 * two different ones are refused), else a new account with both. An existing account is used as
 * it is (its sign-in e-mail and phone are not changed from here). An account with an e-mail and
 * no password yet gets a set-password link; a phone account signs in by SMS code.
 */
export async function addLiaison(
  { prisma, actorEmail, now: at }: PlatformScope,
  input: z.output<typeof ZAddLiaison>,
  opts: { showMail: boolean },
): Promise<{ liaisonId: string; userId: string; newAccount: boolean; mail: SentMail | null }> {
  const now = at ?? new Date();
  return prisma.$transaction(async (tx) => {
    const office = await tx.streetOffice.findUnique({ where: { id: input.officeId } });
    if (!office) throw notFound('streetOffice');
    const byEmail = input.email ? await tx.user.findUnique({ where: { email: input.email } }) : null;
    const byPhone = input.phone ? await tx.user.findUnique({ where: { phone: input.phone } }) : null;
    if (byEmail && byPhone && byEmail.id !== byPhone.id) throw new AppError('CONFLICT', 'liaisonAccountConflict');
    const existing = byEmail ?? byPhone;
    const user = existing ?? (await tx.user.create({ data: { name: input.name, email: input.email || null, phone: input.phone || null } }));
    const liaison = await tx.streetLiaison.upsert({
      where: { officeId_userId: { officeId: office.id, userId: user.id } },
      create: { officeId: office.id, userId: user.id },
      update: { disabledAt: null },
    });
    let mail: SentMail | null = null;
    if (user.email && !(await passwordOfUser(tx, user.id))) {
      const token = await issueResetToken(tx, user.id, LIAISON_LINK_MINUTES, now);
      mail = await sendAccountMail(tx, { kind: 'liaison-welcome', to: user.email, token, office: office.name });
    }
    await recordPlatformAudit(tx, {
      actorEmail,
      action: 'street.liaison.add',
      after: { office: office.slug, name: user.name, email: user.email, phone: user.phone, newAccount: !existing },
    });
    return { liaisonId: liaison.id, userId: user.id, newAccount: !existing, mail: opts.showMail ? mail : null };
  });
}

/** Ends a liaison's access to the office (their account stays; adding them again re-enables it). */
export async function disableLiaison({ prisma, actorEmail, now: at }: PlatformScope, { liaisonId }: z.output<typeof ZLiaisonRef>) {
  const now = at ?? new Date();
  return prisma.$transaction(async (tx) => {
    const liaison = await tx.streetLiaison.findUnique({ where: { id: liaisonId }, include: { office: { select: { slug: true } } } });
    if (!liaison) throw notFound('liaison');
    const { count } = await tx.streetLiaison.updateMany({ where: { id: liaisonId, disabledAt: null }, data: { disabledAt: now } });
    if (count > 0) {
      const user = await tx.user.findUnique({ where: { id: liaison.userId }, select: { name: true, email: true, phone: true } });
      await recordPlatformAudit(tx, { actorEmail, action: 'street.liaison.disable', before: { office: liaison.office.slug, ...user } });
    }
    return { id: liaisonId, disabledAt: count > 0 ? now : liaison.disabledAt };
  });
}
