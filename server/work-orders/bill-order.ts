import 'server-only';
import type { Scope } from '../db/scope';
import type { WorkOrder } from '../db/generated/client';
import { addDays, dateColumn, localDate } from '../shared/calendar';
import { serverTranslator } from '../i18n/translator';

// A paid service becomes exactly one bill on the order's unit when the order is CLOSED (the
// resident confirms, or the auto-close job): a FIXED price, or a QUOTED price the resident
// accepted. Bill(tenantId, workOrderId) is unique and the insert skips a conflict, so two
// confirms at once, or an order reopened and closed again, never bill twice. No fee item: a
// service bill is payable like any bill but is not counted in the payment rates.

export const SERVICE_BILL_DUE_DAYS = 7;

/** The bill of a just-closed order, when it has a price; returns whether one was created now. */
export async function billClosedOrder(
  scope: Scope,
  order: Pick<WorkOrder, 'id' | 'number' | 'unitId' | 'itemId' | 'priceModel' | 'priceFen' | 'quoteAcceptedAt'>,
  closedAt: Date,
): Promise<boolean> {
  if (!order.unitId || !order.priceFen || order.priceFen <= 0) return false;
  if (order.priceModel === 'FREE') return false;
  if (order.priceModel === 'QUOTED' && !order.quoteAcceptedAt) return false;
  const item = order.itemId
    ? await scope.db.serviceItem.findUnique({ where: { tenantId_id: { tenantId: scope.tenantId, id: order.itemId } }, select: { name: true } })
    : null;
  const day = localDate(scope.timeZone, closedAt);
  const t = serverTranslator(scope.locale);
  const { count } = await scope.db.bill.createMany({
    data: [
      {
        tenantId: scope.tenantId,
        kind: 'SERVICE',
        objectKind: 'UNIT',
        objectId: order.unitId,
        unitId: order.unitId,
        payerKind: 'UNIT',
        payerId: order.unitId,
        feeItemId: null,
        period: day.slice(0, 7),
        description: t('workOrders.billDescription', { item: item?.name ?? '', number: order.number }).trim(),
        amountFen: order.priceFen,
        dueDate: dateColumn(addDays(day, SERVICE_BILL_DUE_DAYS)),
        workOrderId: order.id,
        createdById: scope.actorId,
      },
    ],
    // ON CONFLICT DO NOTHING: the only unique key a service bill can meet is its work order's
    skipDuplicates: true,
  });
  return count === 1;
}
