import { z } from 'zod';
import { ZId, ZPage, zName, zText } from '../validation';
import { zYuanToFen } from '../money-input';
import { ZAmountFen, ZIdempotencyKey } from './payments';

// Refunds of online payments (server/online-payments/refunds.ts): the router's inputs, the
// admin's refund form and the tests share these.

const reason = zName({ max: 500, multiline: true, what: 'reason' });

export const ONLINE_REFUND_STATUSES = ['PENDING_APPROVAL', 'REQUESTED', 'SUCCEEDED', 'FAILED', 'REJECTED'] as const;
export const ZOnlineRefundStatus = z.enum(ONLINE_REFUND_STATUSES);

export const ZRequestOnlineRefund = z.object({
  /** the ONLINE payment to refund */
  paymentId: ZId,
  amountFen: ZAmountFen,
  reason,
  /**
   * One per submission (the form makes it when opened): it fixes the refund's id, which is the
   * Stripe idempotency key, so a retried submission never refunds twice.
   */
  idempotencyKey: ZIdempotencyKey.optional(),
});

/** The admin's refund form: the amount typed in yuan; the payment and the key come from the page. */
export const ZRequestOnlineRefundForm = ZRequestOnlineRefund.omit({ paymentId: true, idempotencyKey: true }).extend({
  amountFen: zYuanToFen().pipe(ZAmountFen),
});

export const ZApproveOnlineRefund = z.object({ id: ZId, note: zText({ max: 500, multiline: true }).optional() });
export const ZRejectOnlineRefund = z.object({ id: ZId, reason });

export const ZListOnlineRefunds = z.object({
  status: ZOnlineRefundStatus.optional(),
  paymentId: ZId.optional(),
  ...ZPage,
});
