import 'server-only';
import type { Scope } from '../db/scope';
import type { Prisma } from '../db/generated/client';
import { unitLabel } from '../shared/labels';
import { nowOf } from './order-core';
import { slaFlags } from './order-detail';

// Orders as lists show them (the staff queue, a resident's requests, return visits).

export const ORDER_ROW_SELECT = {
  id: true,
  number: true,
  status: true,
  priority: true,
  text: true,
  preferredTime: true,
  priceModel: true,
  priceFen: true,
  quotedAt: true,
  quoteAcceptedAt: true,
  createdAt: true,
  firstResponseDueAt: true,
  resolveDueAt: true,
  firstRespondedAt: true,
  completedAt: true,
  closedAt: true,
  pausedSince: true,
  firstResponseMet: true,
  resolutionMet: true,
  rating: true,
  category: { select: { id: true, name: true, kind: true } },
  item: { select: { id: true, name: true } },
  community: { select: { id: true, name: true } },
  unit: { select: { id: true, entrance: true, number: true, building: { select: { name: true } } } },
  assignee: { select: { id: true, user: { select: { name: true } } } },
} satisfies Prisma.WorkOrderSelect;

type Row = Prisma.WorkOrderGetPayload<{ select: typeof ORDER_ROW_SELECT }>;

export function toOrderRow(scope: Scope, r: Row) {
  const { unit, assignee, ...rest } = r;
  return {
    ...rest,
    unit: unit ? { id: unit.id, label: unitLabel({ building: unit.building.name, entrance: unit.entrance, number: unit.number }) } : null,
    assignee: assignee ? { id: assignee.id, name: assignee.user.name } : null,
    sla: slaFlags(r, nowOf(scope)),
  };
}

export type OrderRow = ReturnType<typeof toOrderRow>;
