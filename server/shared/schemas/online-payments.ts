import { z } from 'zod';
import { keyMessage } from '../error-key';
import { daysBetween } from '../calendar';
import { MAX_INT4, zYuanToFen } from '../money-input';
import { MAX_FEE_BPS } from '../application-fee';
import { ZLocalDate } from './payments';

// Online payment inputs (Stripe Connect settings, reconciliation, the platform's application
// fee) shared by the routers, the forms and the tests.

/** The payment methods a company may offer residents (Stripe's names). */
export const ONLINE_METHODS = ['card', 'alipay', 'wechat_pay'] as const;
export const ZOnlineMethod = z.enum(ONLINE_METHODS);
export type OnlineMethod = z.infer<typeof ZOnlineMethod>;

export const ZOverpaymentPolicy = z.enum(['CREDIT', 'REFUND']);

/** What residents see (at least one method) and what becomes of money paid twice. */
export const ZOnlinePaymentSettings = z.object({
  methods: z
    .array(ZOnlineMethod)
    .min(1, keyMessage('tooFew', { min: 1 }))
    .max(ONLINE_METHODS.length)
    .transform((ms) => ONLINE_METHODS.filter((m) => ms.includes(m))),
  overpayment: ZOverpaymentPolicy,
});
export type OnlinePaymentSettingsInput = z.infer<typeof ZOnlinePaymentSettings>;

/** Reconciliation covers at most this many local days at once (one provider listing per call). */
export const MAX_RECONCILE_DAYS = 93;

/** Local dates in the company's time zone, both included. */
export const ZReconciliationQuery = z
  .object({ from: ZLocalDate, to: ZLocalDate })
  .refine((q) => q.from <= q.to, { message: keyMessage('dateRangeOrder'), path: ['to'] })
  .refine((q) => q.from > q.to || daysBetween(q.from, q.to) < MAX_RECONCILE_DAYS, {
    message: keyMessage('dateRangeTooLong', { max: MAX_RECONCILE_DAYS }),
    path: ['from'],
  });
export type ReconciliationQuery = z.infer<typeof ZReconciliationQuery>;

/** The platform's application fee per payment: basis points (0–10 000) plus fixed fen (≥ 0). */
export const ZApplicationFee = z.object({
  bps: z
    .number({ error: keyMessage('feeBpsRange') })
    .int(keyMessage('feeBpsRange'))
    .min(0, keyMessage('feeBpsRange'))
    .max(MAX_FEE_BPS, keyMessage('feeBpsRange')),
  fixedFen: z
    .number({ error: keyMessage('amountWhole') })
    .int(keyMessage('amountWhole'))
    .min(0, keyMessage('amountNegative'))
    .max(MAX_INT4, keyMessage('amountMax')),
});

/** The platform form: basis points as typed, the fixed part in yuan. */
export const ZApplicationFeeForm = z.object({
  bps: z.coerce.number({ error: keyMessage('feeBpsRange') }).pipe(ZApplicationFee.shape.bps),
  fixedFen: zYuanToFen().pipe(ZApplicationFee.shape.fixedFen),
});
