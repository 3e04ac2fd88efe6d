import 'server-only';
import type { z } from 'zod';
import { notFound } from '../errors';
import type { ZEscalationList, ZEscalationRef, ZStreetPhotoRef } from '../shared/schemas/street';
import type { StreetScope } from './scope';

// What a liaison reads at /street/<office>: the office's escalations (from any company), each a
// snapshot taken at escalation, their replies and the escalated order's photos. Row-level
// security (the office's setting, no tenant) is what limits every query here; the office id in
// each filter is a second fence, never the only one. The company's own ids (tenant, order,
// who escalated) are not handed out.

/** The office's escalation by id, or NOT_FOUND (another office's is not visible at all). */
export async function findOfficeEscalation(s: StreetScope, escalationId: string) {
  const e = await s.db.streetEscalation.findFirst({ where: { id: escalationId, officeId: s.officeId } });
  if (!e) throw notFound('escalation');
  return e;
}

/** The list: open (oldest waiting first by default) or handled, with counts per status. */
export async function listEscalations(s: StreetScope, q: z.output<typeof ZEscalationList>) {
  const where = {
    officeId: s.officeId,
    ...(q.status === 'open' ? { status: 'OPEN' as const } : q.status === 'handled' ? { status: 'HANDLED' as const } : {}),
  };
  const [total, rows, byStatus] = await Promise.all([
    s.db.streetEscalation.count({ where }),
    s.db.streetEscalation.findMany({
      where,
      orderBy: [{ escalatedAt: q.sort === 'newest' ? 'desc' : 'asc' }, { id: 'asc' }],
      skip: (q.page - 1) * q.pageSize,
      take: q.pageSize,
      select: {
        id: true,
        companyName: true,
        orderNumber: true,
        categoryName: true,
        communityName: true,
        address: true,
        text: true,
        status: true,
        escalatedAt: true,
        firstReplyAt: true,
        handledAt: true,
        _count: { select: { replies: true } },
      },
    }),
    s.db.streetEscalation.groupBy({ by: ['status'], where: { officeId: s.officeId }, _count: { _all: true } }),
  ]);
  const count = (st: 'OPEN' | 'HANDLED') => byStatus.find((b) => b.status === st)?._count._all ?? 0;
  return {
    office: { slug: s.officeSlug, name: s.officeName },
    rows: rows.map(({ _count, ...r }) => ({ ...r, replies: _count.replies })),
    total,
    page: q.page,
    pageSize: q.pageSize,
    counts: { open: count('OPEN'), handled: count('HANDLED') },
  };
}

/** One escalation: the snapshot, the contact only when the company shared it, photos, replies. */
export async function getEscalation(s: StreetScope, { escalationId }: z.output<typeof ZEscalationRef>) {
  const e = await findOfficeEscalation(s, escalationId);
  const [photos, replies] = await Promise.all([
    s.db.workOrderPhoto.findMany({
      where: { tenantId: e.tenantId, orderId: e.orderId },
      orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
      select: { id: true, stage: true },
    }),
    s.db.streetReply.findMany({
      where: { tenantId: e.tenantId, escalationId: e.id, officeId: s.officeId },
      orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
      select: { id: true, body: true, authorId: true, createdAt: true },
    }),
  ]);
  const authors = await s.db.user.findMany({ where: { id: { in: [...new Set(replies.map((r) => r.authorId))] } }, select: { id: true, name: true } });
  const nameOf = new Map(authors.map((a) => [a.id, a.name]));
  return {
    office: { slug: s.officeSlug, name: s.officeName },
    id: e.id,
    companyName: e.companyName,
    orderNumber: e.orderNumber,
    categoryName: e.categoryName,
    text: e.text,
    communityName: e.communityName,
    address: e.address,
    note: e.note,
    contact: e.shareContact ? { name: e.contactName ?? '', phone: e.contactPhone ?? '' } : null,
    status: e.status,
    escalatedAt: e.escalatedAt,
    firstReplyAt: e.firstReplyAt,
    handledAt: e.handledAt,
    photos,
    replies: replies.map((r) => ({ id: r.id, body: r.body, createdAt: r.createdAt, authorName: nameOf.get(r.authorId) ?? '', mine: r.authorId === s.actorId })),
  };
}

/**
 * A photo of an order escalated to this office (the photo route's check): its storage keys, or
 * NOT_FOUND. The WorkOrderPhoto policy already shows only such photos; the escalation is looked
 * up again so that the answer never rests on one fence.
 */
export async function getEscalationPhoto(s: StreetScope, { photoId }: z.output<typeof ZStreetPhotoRef>) {
  const photo = await s.db.workOrderPhoto.findFirst({ where: { id: photoId }, select: { tenantId: true, orderId: true, uploadId: true, thumbId: true } });
  const escalated = photo && (await s.db.streetEscalation.count({ where: { tenantId: photo.tenantId, orderId: photo.orderId, officeId: s.officeId } })) > 0;
  if (!photo || !escalated) throw notFound('photo');
  return { tenantId: photo.tenantId, uploadId: photo.uploadId, thumbId: photo.thumbId };
}
