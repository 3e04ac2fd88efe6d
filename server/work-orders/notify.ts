import 'server-only';
import type { Scope } from '../db/scope';
import type { WorkOrder } from '../db/generated/client';
import type { WorkOrderPriority, WorkOrderStatus } from '../db/generated/enums';
import { enqueueOutbox, notifyUsers, smsText } from '../notifications/outbox';
import { serverTranslator, textLocale } from '../i18n/translator';
import { formatFen } from '../shared/money';
import { normalizePhone } from '../shared/phone';

// Who hears about a work order, in the company's language (server.json `workOrders`):
// - the residents of its unit (and whoever requested it): in the app when they have an account,
//   else a text message to their phone; on every status change, a quote and a note to them;
// - the assignee: in the app, when assigned (and when the resident answers or writes).
// The person acting is not told of their own action.

type OrderRef = Pick<WorkOrder, 'id' | 'number' | 'unitId' | 'requesterId' | 'assigneeId' | 'text'>;

export interface OrderMessage {
  kind: string;
  title: string;
  body: string;
}

const MAX_SUMMARY = 60;
const summary = (text: string) => (text.length > MAX_SUMMARY ? `${text.slice(0, MAX_SUMMARY)}…` : text);

export const residentLink = (scope: Scope, orderId: string) => `/${scope.slug}/my-requests/${orderId}`;
export const staffLink = (scope: Scope, orderId: string) => `/${scope.slug}/work-orders/${orderId}`;

/** In-app for residents with an account, SMS for the unit's residents without one. */
export async function notifyResidents(scope: Scope, order: OrderRef, m: OrderMessage) {
  const residents = order.unitId
    ? await scope.db.resident.findMany({
        where: { tenantId: scope.tenantId, unitId: order.unitId, archivedAt: null },
        select: { userId: true, phone: true },
      })
    : [];
  const userIds = new Set(residents.flatMap((r) => (r.userId ? [r.userId] : [])));
  if (order.requesterId) userIds.add(order.requesterId);
  userIds.delete(scope.actorId);
  const link = residentLink(scope, order.id);
  await notifyUsers(
    scope.db,
    scope.tenantId,
    [...userIds].map((userId) => ({ userId, kind: m.kind, title: m.title, body: m.body, link })),
  );
  const phones = new Set(
    residents.flatMap((r) => {
      const phone = r.userId ? null : normalizePhone(r.phone);
      return phone ? [phone] : [];
    }),
  );
  if (phones.size === 0) return;
  const t = serverTranslator(scope.locale);
  const text = smsText(t('workOrders.sms', { company: scope.companyName, title: m.title, body: m.body }));
  await enqueueOutbox(
    scope.db,
    scope.tenantId,
    [...phones].map((recipient) => ({ channel: 'SMS' as const, recipient, subject: m.title, body: text })),
  );
}

/** In-app to the order's assignee (unless they act themselves). */
export async function notifyAssignee(scope: Scope, order: OrderRef, m: OrderMessage) {
  if (!order.assigneeId) return;
  const member = await scope.db.membership.findUnique({
    where: { tenantId_id: { tenantId: scope.tenantId, id: order.assigneeId } },
    select: { userId: true, status: true },
  });
  if (!member || member.status !== 'ACTIVE' || member.userId === scope.actorId) return;
  await notifyUsers(scope.db, scope.tenantId, [{ userId: member.userId, ...m, link: staffLink(scope, order.id) }]);
}

const tr = (scope: Scope) => serverTranslator(scope.locale);
const statusName = (scope: Scope, s: WorkOrderStatus) => tr(scope)(`workOrders.status.${s}`);

/** "Work order #12 is now in progress" with what it is about. */
export function statusMessage(scope: Scope, order: OrderRef, to: WorkOrderStatus): OrderMessage {
  const t = tr(scope);
  return {
    kind: 'workOrder.status',
    title: t('workOrders.statusTitle', { number: order.number, status: statusName(scope, to) }),
    body: summary(order.text),
  };
}

export function quoteMessage(scope: Scope, order: OrderRef, priceFen: number, note: string): OrderMessage {
  const t = tr(scope);
  const amount = formatFen(priceFen, scope.currency, textLocale(scope.locale));
  return {
    kind: 'workOrder.quote',
    title: t('workOrders.quoteTitle', { number: order.number, amount }),
    body: note ? t('workOrders.quoteBodyNote', { note }) : t('workOrders.quoteBody'),
  };
}

export function staffNoteMessage(scope: Scope, order: OrderRef, note: string): OrderMessage {
  return { kind: 'workOrder.note', title: tr(scope)('workOrders.noteTitle', { number: order.number }), body: summary(note) };
}

export function residentNoteMessage(scope: Scope, order: OrderRef, note: string): OrderMessage {
  return { kind: 'workOrder.note', title: tr(scope)('workOrders.residentNoteTitle', { number: order.number }), body: summary(note) };
}

export function assignedMessage(scope: Scope, order: OrderRef): OrderMessage {
  return { kind: 'workOrder.assigned', title: tr(scope)('workOrders.assignedTitle', { number: order.number }), body: summary(order.text) };
}

// Timeline notes written by the system, in the company's language (the timeline shows notes as written).

export const priorityNote = (scope: Scope, from: WorkOrderPriority, to: WorkOrderPriority) => {
  const t = tr(scope);
  return t('workOrders.priorityNote', { from: t(`workOrders.priority.${from}`), to: t(`workOrders.priority.${to}`) });
};

export const quoteNote = (scope: Scope, priceFen: number, note: string) => {
  const amount = formatFen(priceFen, scope.currency, textLocale(scope.locale));
  return note ? tr(scope)('workOrders.quoteNoteWith', { amount, note }) : tr(scope)('workOrders.quoteNote', { amount });
};

export const ratingNote = (scope: Scope, rating: number, comment: string) =>
  comment ? tr(scope)('workOrders.ratingNoteWith', { rating, comment }) : tr(scope)('workOrders.ratingNote', { rating });
