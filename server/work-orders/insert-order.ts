import 'server-only';
import type { Scope } from '../db/scope';
import type { WorkOrder } from '../db/generated/client';
import type { WorkOrderPriority } from '../db/generated/enums';
import { AppError, notFound } from '../errors';
import { localPeriod } from '../shared/calendar';
import { DEFAULT_SLA, EMERGENCY_SLA, slaDeadlines } from '../shared/sla';
import { addEvent, nowOf, type EventActor } from './order-core';
import { claimOrderPhotos } from '../uploads/photos';

// The one writer of new work orders (a resident's request, or one staff record): checks what
// was chosen against the catalogue, numbers the order from the company's counter in the same
// transaction, sets its period (created month in the company's time zone) and SLA deadlines
// (the item's targets, or the emergency/default ones, × priority) and opens its timeline.

export interface NewOrder {
  communityId: string;
  unitId: string | null;
  requesterId: string | null;
  categoryId: string;
  itemId?: string;
  stationId?: string;
  text: string;
  preferredTime: string;
  priority?: WorkOrderPriority;
  photoIds: string[];
}

/** The next order number of the company (upsert + increment: concurrent requests get distinct numbers). */
async function nextNumber(scope: Scope): Promise<number> {
  const [row] = await scope.db.$queryRaw<{ last: number }[]>`
    insert into "WorkOrderCounter" ("tenantId", "last") values (${scope.tenantId}, 1)
    on conflict ("tenantId") do update set "last" = "WorkOrderCounter"."last" + 1
    returning "last"`;
  return row!.last;
}

export async function insertOrder(scope: Scope, actor: EventActor, o: NewOrder): Promise<WorkOrder> {
  const { db, tenantId } = scope;
  const category = await db.serviceCategory.findUnique({ where: { tenantId_id: { tenantId, id: o.categoryId } } });
  if (!category || category.archivedAt) throw notFound('serviceCategory');
  const item = o.itemId ? await db.serviceItem.findUnique({ where: { tenantId_id: { tenantId, id: o.itemId } } }) : null;
  if (o.itemId) {
    if (!item || item.archivedAt || item.categoryId !== category.id) throw notFound('serviceItem');
    if (item.communityIds.length > 0 && !item.communityIds.includes(o.communityId)) throw new AppError('BAD_REQUEST', 'serviceNotOffered');
  }
  if (o.stationId) {
    const station = await db.serviceStation.findUnique({ where: { tenantId_id: { tenantId, id: o.stationId } } });
    if (!station || station.archivedAt) throw notFound('station');
    if (!station.communityIds.includes(o.communityId)) throw new AppError('BAD_REQUEST', 'stationNotServing');
  }
  const now = nowOf(scope);
  const priority = o.priority ?? item?.defaultPriority ?? 'NORMAL';
  const targets = item ?? (category.kind === 'emergency' ? EMERGENCY_SLA : DEFAULT_SLA);
  const due = slaDeadlines(now, targets, priority);
  const order = await db.workOrder.create({
    data: {
      tenantId,
      number: await nextNumber(scope),
      communityId: o.communityId,
      unitId: o.unitId,
      requesterId: o.requesterId,
      categoryId: category.id,
      itemId: item?.id ?? null,
      stationId: o.stationId ?? null,
      text: o.text,
      preferredTime: o.preferredTime,
      priority,
      status: 'SUBMITTED',
      priceModel: item?.priceModel ?? 'FREE',
      // a fixed price is the item's when ordered; a quoted one comes with the quote
      priceFen: item?.priceModel === 'FIXED' ? item.priceFen : null,
      period: localPeriod(scope.timeZone, now),
      ...due,
      createdById: scope.actorId,
      createdAt: now,
    },
  });
  await addEvent(scope, actor, order.id, { kind: 'transition', action: 'create', toStatus: 'SUBMITTED' });
  await claimOrderPhotos(scope, order.id, o.photoIds, 'request');
  return order;
}
