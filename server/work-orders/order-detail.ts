import 'server-only';
import type { Scope } from '../db/scope';
import type { WorkOrder } from '../db/generated/client';
import { can } from '../shared/permissions';
import { slaFlag } from '../shared/sla';
import { allowedActions, REOPEN_DAYS, type WorkOrderAction, type WorkOrderActor } from '../shared/work-order-states';
import { unitLabel } from '../shared/labels';
import type { Member } from './access';
import { nowOf } from './order-core';

// An order as its detail page shows it, for staff and dispatchers (`staff`) or for a resident
// of its unit (`resident`: no internal notes, no escalations, no staff phone, no contact list).

export type OrderView = 'staff' | 'resident';

const DAY_MS = 86_400_000;

/** The actions the caller may take now: the state machine's, narrowed by the order's own facts. */
export function orderActions(order: WorkOrder, actors: readonly WorkOrderActor[], now: Date): WorkOrderAction[] {
  return allowedActions(order.status, actors).filter((a) => {
    if (a === 'quote') return order.priceModel === 'QUOTED';
    if (a === 'start') return order.priceModel !== 'QUOTED' || order.quoteAcceptedAt !== null;
    if (a === 'reopen') return order.completedAt !== null && now.getTime() - order.completedAt.getTime() <= REOPEN_DAYS * DAY_MS;
    return true;
  });
}

/**
 * Both clocks' flags at `now` (met / breached / overdue / soon / paused / ok); a clock the sweep
 * already marked breached stays overdue until done.
 */
export function slaFlags(
  order: Pick<
    WorkOrder,
    'createdAt' | 'firstResponseDueAt' | 'resolveDueAt' | 'firstRespondedAt' | 'completedAt' | 'pausedSince' | 'status' | 'firstResponseMet' | 'resolutionMet'
  >,
  now: Date,
) {
  const cancelled = order.status === 'CANCELLED';
  const one = (dueAt: Date, doneAt: Date | null, met: boolean | null) => {
    if (cancelled && !doneAt) return null;
    if (!doneAt && met === false) return 'overdue' as const;
    return slaFlag({ createdAt: order.createdAt, dueAt, doneAt, pausedSince: order.pausedSince }, now);
  };
  return {
    firstResponse: one(order.firstResponseDueAt, order.firstRespondedAt, order.firstResponseMet),
    resolution: one(order.resolveDueAt, order.completedAt, order.resolutionMet),
  };
}

export async function orderDetail(scope: Scope, member: Member, order: WorkOrder, actors: WorkOrderActor[], view: OrderView) {
  const { db, tenantId } = scope;
  const now = nowOf(scope);
  const [category, item, station, community, unit, assignee, events, photos, escalations] = await Promise.all([
    db.serviceCategory.findUniqueOrThrow({ where: { tenantId_id: { tenantId, id: order.categoryId } }, select: { id: true, name: true, kind: true } }),
    order.itemId
      ? db.serviceItem.findUnique({
          where: { tenantId_id: { tenantId, id: order.itemId } },
          select: { id: true, name: true, priceModel: true, priceFen: true },
        })
      : null,
    order.stationId
      ? db.serviceStation.findUnique({ where: { tenantId_id: { tenantId, id: order.stationId } }, select: { id: true, name: true, place: true } })
      : null,
    db.community.findUniqueOrThrow({ where: { tenantId_id: { tenantId, id: order.communityId } }, select: { id: true, name: true, address: true } }),
    order.unitId
      ? db.unit.findUnique({
          where: { tenantId_id: { tenantId, id: order.unitId } },
          select: { id: true, entrance: true, number: true, building: { select: { name: true } } },
        })
      : null,
    order.assigneeId
      ? db.membership.findUnique({
          where: { tenantId_id: { tenantId, id: order.assigneeId } },
          select: { id: true, userId: true, role: true, user: { select: { name: true, phone: true } } },
        })
      : null,
    db.workOrderEvent.findMany({ where: { tenantId, orderId: order.id }, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] }),
    db.workOrderPhoto.findMany({
      where: { tenantId, orderId: order.id },
      orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
      select: { id: true, stage: true, uploadedBy: true, createdAt: true },
    }),
    view === 'staff'
      ? db.streetEscalation.findMany({
          where: { tenantId, orderId: order.id },
          orderBy: { escalatedAt: 'asc' },
          select: {
            id: true,
            status: true,
            note: true,
            shareContact: true,
            escalatedById: true,
            escalatedAt: true,
            firstReplyAt: true,
            handledAt: true,
            office: { select: { id: true, name: true } },
            replies: { orderBy: { createdAt: 'asc' }, select: { id: true, authorId: true, body: true, createdAt: true } },
          },
        })
      : [],
  ]);

  const visibleEvents =
    view === 'staff'
      ? events
      : events.filter((e) => e.kind !== 'escalation' && e.kind !== 'street_reply' && !(e.kind === 'note' && !e.toResident && e.actorRole !== 'RESIDENT'));

  // Names of everyone in the timeline (users; jobs are "SYSTEM", liaisons are named by their office).
  const userIds = new Set<string>([
    ...visibleEvents.map((e) => e.actorId),
    ...escalations.flatMap((x) => [x.escalatedById, ...x.replies.map((r) => r.authorId)]),
  ]);
  const users = await db.user.findMany({ where: { id: { in: [...userIds] } }, select: { id: true, name: true } });
  const nameOf = new Map(users.map((u) => [u.id, u.name]));

  type TimelineEntry = {
    id: string;
    kind: string;
    action: string | null;
    from: WorkOrder['status'] | null;
    to: WorkOrder['status'] | null;
    note: string;
    toResident: boolean;
    actor: { id: string; name: string | null; role: string };
    createdAt: Date;
    office: { id: string; name: string } | null;
  };
  const timeline: TimelineEntry[] = visibleEvents.map((e) => ({
    id: e.id,
    kind: e.kind,
    action: e.action,
    from: e.fromStatus,
    to: e.toStatus,
    note: e.note,
    toResident: e.toResident,
    actor: { id: e.actorId, name: nameOf.get(e.actorId) ?? null, role: e.actorRole },
    createdAt: e.createdAt,
    office: null,
  }));
  // A street office's replies: the street service echoes each into the timeline as an event with
  // the reply's id (linli_street_echo); a reply not echoed (yet) is merged from StreetReply.
  const officeOfReply = new Map(escalations.flatMap((x) => x.replies.map((r) => [r.id, x.office] as const)));
  const officeOfEscalation = new Map<string, { id: string; name: string }>(escalations.map((x) => [`handled-${x.id}`, x.office]));
  for (const e of timeline) e.office = officeOfReply.get(e.id) ?? officeOfEscalation.get(e.id) ?? null;
  const inTimeline = new Set(timeline.map((e) => e.id));
  for (const x of escalations) {
    for (const r of x.replies) {
      if (inTimeline.has(r.id)) continue;
      timeline.push({
        id: r.id,
        kind: 'street_reply',
        action: null,
        from: null,
        to: null,
        note: r.body,
        toResident: false,
        actor: { id: r.authorId, name: nameOf.get(r.authorId) ?? null, role: 'LIAISON' },
        createdAt: r.createdAt,
        office: x.office,
      });
    }
  }
  timeline.sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || a.id.localeCompare(b.id));

  // A resident's contact: for the assignee and dispatchers/admins only (staff see it on their own orders).
  const seesContact = view === 'staff' && (actors.includes('ASSIGNEE') || can(member, 'workorders.dispatch'));
  const contact =
    seesContact && order.unitId
      ? await db.resident.findMany({
          where: { tenantId, unitId: order.unitId, archivedAt: null },
          orderBy: [{ kind: 'asc' }, { createdAt: 'asc' }],
          select: { id: true, name: true, phone: true, kind: true },
        })
      : null;

  const completedAt = order.completedAt;
  return {
    id: order.id,
    number: order.number,
    status: order.status,
    priority: order.priority,
    text: order.text,
    preferredTime: order.preferredTime,
    priceModel: order.priceModel,
    priceFen: order.priceFen,
    quotedAt: order.quotedAt,
    quoteAcceptedAt: order.quoteAcceptedAt,
    period: order.period,
    createdAt: order.createdAt,
    firstResponseDueAt: order.firstResponseDueAt,
    resolveDueAt: order.resolveDueAt,
    pausedSince: order.pausedSince,
    firstRespondedAt: order.firstRespondedAt,
    firstResponseMet: order.firstResponseMet,
    completedAt,
    resolutionMet: order.resolutionMet,
    closedAt: order.closedAt,
    cancelledAt: order.cancelledAt,
    cancelReason: order.cancelReason,
    reopenCount: order.reopenCount,
    reopenUntil: completedAt && (order.status === 'COMPLETED' || order.status === 'CLOSED') ? new Date(completedAt.getTime() + REOPEN_DAYS * DAY_MS) : null,
    rating: order.rating,
    ratingComment: order.ratingComment,
    ratedAt: order.ratedAt,
    ratedByPhone: order.ratedByPhone,
    sla: slaFlags(order, now),
    category,
    item: item ? { id: item.id, name: item.name } : null,
    station,
    community: { id: community.id, name: community.name, address: community.address },
    unit: unit ? { id: unit.id, label: unitLabel({ building: unit.building.name, entrance: unit.entrance, number: unit.number }) } : null,
    assignee: assignee
      ? { id: assignee.id, name: assignee.user.name, phone: view === 'staff' ? assignee.user.phone : null, isMe: assignee.userId === scope.actorId }
      : null,
    actors,
    actions: orderActions(order, actors, now),
    photos: photos.map((p) => ({ id: p.id, stage: p.stage, mine: p.uploadedBy === scope.actorId, createdAt: p.createdAt })),
    timeline,
    escalations: escalations.map((x) => ({
      id: x.id,
      office: x.office,
      status: x.status,
      note: x.note,
      shareContact: x.shareContact,
      escalatedAt: x.escalatedAt,
      firstReplyAt: x.firstReplyAt,
      handledAt: x.handledAt,
      replies: x.replies.length,
    })),
    contact,
  };
}

export type OrderDetail = Awaited<ReturnType<typeof orderDetail>>;
