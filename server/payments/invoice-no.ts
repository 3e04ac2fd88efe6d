import 'server-only';
import type { z } from 'zod';
import { notFound } from '../errors';
import { recordAudit } from '../tenancy/audit';
import { formatReceiptNo } from './ledger';
import type { Scope } from '../db/scope';
import { ZSetInvoiceNo } from '../shared/schemas/payments';

/**
 * Records (or clears, with null) the official invoice (发票) number issued for a receipt. The
 * payment itself is never edited; this is a reference beside it, and every change is audited
 * with the number it replaced.
 */
export async function setInvoiceNo({ db, tenantId, actorId }: Scope, q: z.output<typeof ZSetInvoiceNo>) {
  const before = await db.payment.findUnique({
    where: { tenantId_id: { tenantId, id: q.paymentId } },
    select: { kind: true, invoiceNo: true, receiptYear: true, receiptNo: true },
  });
  if (!before || before.kind !== 'PAYMENT' || before.receiptNo == null) throw notFound('receipt');
  const { count } = await db.payment.updateMany({ where: { tenantId, id: q.paymentId, kind: 'PAYMENT' }, data: { invoiceNo: q.invoiceNo } });
  if (count !== 1) throw notFound('receipt');
  await recordAudit(db, {
    tenantId,
    actorId,
    action: 'payment.invoiceNo',
    entity: 'Payment',
    entityId: q.paymentId,
    before: { invoiceNo: before.invoiceNo },
    after: { invoiceNo: q.invoiceNo, receiptNo: formatReceiptNo(before.receiptYear, before.receiptNo) },
  });
  return { id: q.paymentId, invoiceNo: q.invoiceNo };
}
