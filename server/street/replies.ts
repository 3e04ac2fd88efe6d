import 'server-only';
import type { z } from 'zod';
import { AppError } from '../errors';
import { serverTranslator } from '../i18n/translator';
import type { ZEscalationRef, ZStreetReply } from '../shared/schemas/street';
import { findOfficeEscalation } from './escalations';
import type { StreetScope } from './scope';

type Escalation = Awaited<ReturnType<typeof findOfficeEscalation>>;

/** A liaison answers an escalation; the first answer sets firstReplyAt (the office's response time). */
export async function replyToEscalation(s: StreetScope, input: z.output<typeof ZStreetReply>) {
  const e = await findOfficeEscalation(s, input.escalationId);
  const now = s.now ?? new Date();
  const reply = await s.db.streetReply.create({
    data: { tenantId: e.tenantId, escalationId: e.id, officeId: s.officeId, authorId: s.actorId, body: input.body, createdAt: now },
    select: { id: true },
  });
  // Only the first reply sets it: concurrent first replies race on the same condition, one wins.
  await s.db.streetEscalation.updateMany({
    where: { tenantId: e.tenantId, id: e.id, officeId: s.officeId, firstReplyAt: null },
    data: { firstReplyAt: now },
  });
  await echo(s, e, { replyId: reply.id, text: input.body });
  return { id: reply.id };
}

/** The office marks an escalation handled (once). */
export async function markEscalationHandled(s: StreetScope, { escalationId }: z.output<typeof ZEscalationRef>) {
  const e = await findOfficeEscalation(s, escalationId);
  const now = s.now ?? new Date();
  const { count } = await s.db.streetEscalation.updateMany({
    where: { tenantId: e.tenantId, id: e.id, officeId: s.officeId, status: 'OPEN' },
    data: { status: 'HANDLED', handledAt: now },
  });
  if (count === 0) throw new AppError('CONFLICT', 'escalationHandled');
  await echo(s, e, { replyId: null, text: '' });
  return { id: e.id, handledAt: now };
}

const excerpt = (s: string, max = 200) => (s.length > max ? `${s.slice(0, max - 1)}…` : s);

/**
 * The reply (or "handled") in the company's order timeline, and an in-app notification to the
 * company's admins, in the company's language. This transaction has no tenant and may not write
 * the company's rows; linli_street_echo (migration street_echo) writes exactly that echo of the
 * office's own row and nothing else: the least a liaison's request needs, instead of a policy
 * that would let it write any timeline entry or notification of a company it can name.
 */
async function echo(s: StreetScope, e: Escalation, what: { replyId: string | null; text: string }) {
  // The company's slug and language (Tenant rows are readable without a tenant: a URL names them anyway).
  const { tenant: company } = await s.db.streetEscalation.findUniqueOrThrow({
    where: { tenantId_id: { tenantId: e.tenantId, id: e.id } },
    select: { tenant: { select: { slug: true, locale: true } } },
  });
  const t = serverTranslator(company.locale);
  const params = { office: s.officeName, number: e.orderNumber };
  const title = what.replyId ? t('street.replyTitle', params) : t('street.handledTitle', params);
  const body = what.replyId ? excerpt(what.text) : t('street.handledBody', params);
  const link = `/${company.slug}/work-orders/${e.orderId}`;
  await s.db.$queryRaw`select linli_street_echo(${e.tenantId}, ${e.id}, ${what.replyId}, ${s.actorId}, ${title}, ${body}, ${link}) as n`;
}
