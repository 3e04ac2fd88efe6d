import 'server-only';
import type { z } from 'zod';
import type { Scope } from '../db/scope';
import { AppError, notFound } from '../errors';
import type { ZEscalate } from '../shared/schemas/work-orders';
import { appUrl } from '../env';
import { serverTranslator } from '../i18n/translator';
import { enqueueAccountMail, enqueueAccountSms } from '../notifications/outbox';
import { loadVisibleOrder, type Member } from './access';
import { addEvent, eventActor, nowOf } from './order-core';

// 吹哨: an admin escalates a work order to a street office (街道) when the problem is beyond the
// company (a municipal pipe, a street light). The escalation carries a snapshot of what the
// office's liaisons may see — they read no other row of the company: the company's name, the
// order's number, category, text, community and address, the admin's note, and the resident's
// name and phone only when the admin chose to share them. The office's replies come back into
// the order's timeline (server/street/replies.ts).

/** The address as the office needs it: the community's address, building, entrance and unit. */
const joinAddress = (parts: (string | null | undefined)[]) =>
  parts
    .map((p) => p?.trim() ?? '')
    .filter(Boolean)
    .join(' ');

export async function escalateOrder(scope: Scope, member: Member, input: z.output<typeof ZEscalate>) {
  const { order } = await loadVisibleOrder(scope, member, input.orderId);
  if (order.status === 'CANCELLED') throw new AppError('CONFLICT', 'escalateCancelled');
  const office = await scope.db.streetOffice.findUnique({ where: { id: input.officeId }, select: { id: true, name: true, slug: true } });
  if (!office) throw notFound('streetOffice');
  const waiting = await scope.db.streetEscalation.count({
    where: { tenantId: scope.tenantId, orderId: order.id, officeId: office.id, status: 'OPEN' },
  });
  if (waiting > 0) throw new AppError('CONFLICT', 'alreadyEscalated');

  const [category, community, unit] = await Promise.all([
    scope.db.serviceCategory.findUnique({ where: { tenantId_id: { tenantId: scope.tenantId, id: order.categoryId } }, select: { name: true } }),
    scope.db.community.findUnique({ where: { tenantId_id: { tenantId: scope.tenantId, id: order.communityId } }, select: { name: true, address: true } }),
    order.unitId
      ? scope.db.unit.findUnique({
          where: { tenantId_id: { tenantId: scope.tenantId, id: order.unitId } },
          select: { entrance: true, number: true, building: { select: { name: true } } },
        })
      : null,
  ]);
  const contact = input.shareContact ? await orderContact(scope, order) : null;
  const now = nowOf(scope);
  const escalation = await scope.db.streetEscalation.create({
    data: {
      tenantId: scope.tenantId,
      orderId: order.id,
      officeId: office.id,
      companyName: scope.companyName,
      orderNumber: order.number,
      categoryName: category?.name ?? '',
      text: order.text,
      communityName: community?.name ?? '',
      address: joinAddress([community?.address, unit?.building.name, unit?.entrance, unit?.number]),
      shareContact: input.shareContact,
      contactName: contact?.name ?? null,
      contactPhone: contact?.phone ?? null,
      note: input.note,
      escalatedById: scope.actorId,
      escalatedAt: now,
    },
    select: { id: true, escalatedAt: true },
  });
  await addEvent(scope, eventActor(scope, member), order.id, {
    kind: 'escalation',
    action: 'escalate',
    note: input.note ? `${office.name} — ${input.note}` : office.name,
  });
  await tellOffice(scope, office, { id: escalation.id, number: order.number, category: category?.name ?? '' });
  return { id: escalation.id, officeName: office.name, escalatedAt: escalation.escalatedAt };
}

/**
 * The office's active liaisons hear of a new escalation: an e-mail, or a text message to a
 * phone-only account, in their own language. Liaisons belong to no company, so these are
 * account messages (written in this transaction, delivered by the outbox job).
 */
async function tellOffice(scope: Scope, office: { id: string; name: string; slug: string }, e: { id: string; number: number; category: string }) {
  const liaisons = await scope.db.streetLiaison.findMany({ where: { officeId: office.id, disabledAt: null }, select: { userId: true } });
  if (liaisons.length === 0) return;
  const users = await scope.db.user.findMany({
    where: { id: { in: liaisons.map((l) => l.userId) } },
    select: { email: true, phone: true, locale: true },
  });
  const link = `${appUrl()}/street/${office.slug}/${e.id}`;
  for (const u of users) {
    const t = serverTranslator(u.locale);
    const params = { company: scope.companyName, number: e.number, category: e.category, office: office.name, link };
    if (u.email) await enqueueAccountMail(scope.db, { recipient: u.email, subject: t('street.newSubject', params), body: t('street.newBody', params) });
    else if (u.phone) await enqueueAccountSms(scope.db, { phone: u.phone, subject: t('street.newSubject', params), text: t('street.newSms', params) });
  }
}

/** Who to call about the order: the requester's resident record on the unit, else the unit's first resident, else the requester's account. */
async function orderContact(scope: Scope, order: { unitId: string | null; requesterId: string | null }) {
  if (order.unitId) {
    const residents = await scope.db.resident.findMany({
      where: { tenantId: scope.tenantId, unitId: order.unitId, archivedAt: null },
      orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
      select: { name: true, phone: true, userId: true },
    });
    const r = residents.find((x) => order.requesterId && x.userId === order.requesterId) ?? residents[0];
    if (r) return { name: r.name, phone: r.phone };
  }
  if (order.requesterId) {
    const u = await scope.db.user.findUnique({ where: { id: order.requesterId }, select: { name: true, phone: true } });
    if (u) return { name: u.name, phone: u.phone ?? '' };
  }
  return null;
}

/** The street offices an admin may escalate to (the dialog's choices). */
export async function listStreetOffices(scope: Scope) {
  return scope.db.streetOffice.findMany({ orderBy: [{ name: 'asc' }, { id: 'asc' }], select: { id: true, name: true, district: true } });
}

/**
 * How long each street office takes to answer this company: per office, escalations, how many
 * are open, median and mean hours from escalation to the first reply (answered ones), how many
 * have been answered and the share handled. Offices the company never escalated to are absent.
 */
export async function listOfficeResponseTimes(scope: Scope) {
  const rows = await scope.db.$queryRaw<
    {
      office_id: string;
      name: string;
      escalations: number;
      open: number;
      handled: number;
      answered: number;
      median_s: number | null;
      mean_s: number | null;
      oldest_open_at: Date | null;
    }[]
  >`
    select e."officeId" as office_id, o."name" as name,
      count(*)::int as escalations,
      (count(*) filter (where e."status" = 'OPEN'))::int as open,
      (count(*) filter (where e."status" = 'HANDLED'))::int as handled,
      count(e."firstReplyAt")::int as answered,
      (percentile_cont(0.5) within group (order by extract(epoch from e."firstReplyAt" - e."escalatedAt")))::float8 as median_s,
      (avg(extract(epoch from e."firstReplyAt" - e."escalatedAt")))::float8 as mean_s,
      min(e."escalatedAt") filter (where e."status" = 'OPEN') as oldest_open_at
    from "StreetEscalation" e join "StreetOffice" o on o."id" = e."officeId"
    where e."tenantId" = ${scope.tenantId}
    group by e."officeId", o."name"
    order by o."name", e."officeId"`;
  const hours = (s: number | null) => (s === null ? null : Math.round((s / 3600) * 10) / 10);
  return rows.map((r) => ({
    officeId: r.office_id,
    name: r.name,
    escalations: r.escalations,
    open: r.open,
    answered: r.answered,
    medianHours: hours(r.median_s),
    meanHours: hours(r.mean_s),
    handledShare: r.escalations > 0 ? r.handled / r.escalations : 0,
    oldestOpenAt: r.oldest_open_at,
  }));
}
