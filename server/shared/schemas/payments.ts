import { z } from 'zod';
import { ZId, ZPage, ZSearch, periodInBounds, DATE_BOUNDS_MESSAGE, zName, zText } from '../validation';
import { keyMessage } from '../error-key';
import { localDateToDayNumber } from '../calendar';
import { zYuanToFen } from '../money-input';

// Payment inputs shared by the router, the cashier's forms and the tests.

/** A local calendar date 'YYYY-MM-DD' that exists (2026-02-30 is refused). */
export const ZLocalDate = z
  .string({ error: keyMessage('dateFormat') })
  .regex(/^\d{4}-\d{2}-\d{2}$/, { message: keyMessage('dateFormat'), abort: true })
  .refine(
    (s) => {
      try {
        localDateToDayNumber(s);
        return true;
      } catch {
        return false;
      }
    },
    { message: keyMessage('noSuchDate'), abort: true },
  )
  .refine(periodInBounds, DATE_BOUNDS_MESSAGE);

/** Whole fen, > 0, and within the database's 32-bit amount columns. */
export const ZAmountFen = z
  .number({ error: keyMessage('amountWhole') })
  .int(keyMessage('amountWhole'))
  .positive(keyMessage('amountPositive'))
  .max(2_000_000_000, keyMessage('amountMax'));

export const ZPayerKind = z.enum(['UNIT', 'PARKING']);
/** A unit (its household) or a parking space rented alone (its renter). */
export const ZPayer = z.object({ kind: ZPayerKind, id: ZId });
export type Payer = z.infer<typeof ZPayer>;

/** Ways money reaches the cashier. CREDIT (the payer's balance) and ONLINE are not entered by hand. */
export const ZOfflineMethod = z.enum(['CASH', 'BANK_TRANSFER', 'WECHAT', 'ALIPAY', 'POS']);
export const ZPaymentMethod = z.enum(['CASH', 'BANK_TRANSFER', 'WECHAT', 'ALIPAY', 'POS', 'ONLINE', 'CREDIT']);

const note = zText({ max: 500, multiline: true, what: 'note' });
const reason = zName({ max: 500, multiline: true, what: 'reason' });

/**
 * An idempotency key (server/payments/idempotency.ts): made by the client once per submission,
 * e.g. crypto.randomUUID(); a retry with the same key returns the first result.
 */
export const ZIdempotencyKey = z
  .string({ error: keyMessage('idempotencyKeyFormat') })
  .regex(/^[A-Za-z0-9][A-Za-z0-9._:-]{7,99}$/, keyMessage('idempotencyKeyFormat'));

export const ZRecordPayment = z.object({
  payer: ZPayer,
  method: ZOfflineMethod,
  amountFen: ZAmountFen,
  receivedOn: ZLocalDate,
  /** Chosen bills, in the order to pay them; omitted → the payer's open bills, oldest first. */
  billIds: z.array(ZId).min(1, keyMessage('chooseBill')).max(500).optional(),
  /** Also draw on the payer's credit balance for what the money does not cover. */
  useCredit: z.boolean().default(false),
  note: note.default(''),
  /** One per submission (the form makes it when opened or reset, and re-sends it on retry). */
  idempotencyKey: ZIdempotencyKey.optional(),
});

/**
 * The cashier's payment form: ZRecordPayment with the amount typed in yuan (money-input's transform,
 * then the server's own ZAmountFen); the payer, the bills and the key come from the page, not fields.
 */
export const ZRecordPaymentForm = ZRecordPayment.omit({ payer: true, billIds: true, idempotencyKey: true }).extend({
  amountFen: zYuanToFen().pipe(ZAmountFen),
});

export const ZApplyCredit = z.object({
  payer: ZPayer,
  billIds: z.array(ZId).min(1).max(500).optional(),
  idempotencyKey: ZIdempotencyKey.optional(),
});

export const ZReversePayment = z.object({ paymentId: ZId, reason });

export const ZRequestRefund = z.object({
  payer: ZPayer,
  amountFen: ZAmountFen,
  method: ZOfflineMethod,
  reason,
});

/** The refund request form: ZRequestRefund with the amount typed in yuan. */
export const ZRequestRefundForm = ZRequestRefund.omit({ payer: true }).extend({ amountFen: zYuanToFen().pipe(ZAmountFen) });

export const ZDecideRefund = z.object({
  id: ZId,
  approve: z.boolean(),
  note: zText({ max: 500, multiline: true }).optional(),
});

/** A confirmation's reason (void, undo, reverse, reject, reopen): the server's reason rule. */
export const ZReasonForm = ZReversePayment.pick({ reason: true });
/** …or its optional note (an approval's). */
export const ZNoteForm = z.object({ reason: ZDecideRefund.shape.note.unwrap() });

export const ZCreditBalance = z.object({ payer: ZPayer });
/** A payer's account: bills (unsettled first), credit and balance, late fees, adjustments. */
export const ZPayerAccount = z.object({ payer: ZPayer });

export const ZListPayments = z
  .object({
    /** Business day the records count in (countedOn). */
    day: ZLocalDate.optional(),
    from: ZLocalDate.optional(),
    to: ZLocalDate.optional(),
    method: ZPaymentMethod.optional(),
    kind: z.enum(['PAYMENT', 'REFUND', 'REVERSAL']).optional(),
    status: z.enum(['PENDING', 'APPROVED', 'REJECTED']).optional(),
    cashierId: ZId.optional(),
    payer: ZPayer.optional(),
    /** What a cashier types: a unit, a name or phone, a receipt number (server/shared/payer-query.ts). */
    q: ZSearch.optional(),
    ...ZPage,
  })
  .refine((q) => !(q.from && q.to) || q.from <= q.to, { message: '"from" must not be after "to"', path: ['to'] });

export const ZGetPayment = z.object({ id: ZId });

/** The cashier desk's payer search: units, or parking spaces. */
export const ZSearchPayers = z.object({ q: ZSearch, kind: z.enum(['UNIT', 'PARKING']).default('UNIT') });

export const ZSetInvoiceNo = z.object({
  paymentId: ZId,
  /** The official 发票 number; null clears it. */
  invoiceNo: z
    .string()
    .trim()
    .min(1, keyMessage('invoiceNoRequired'))
    .max(50, keyMessage('tooLongNamed', { what: 'invoiceNo', max: 50 }))
    .regex(/^[0-9A-Za-z-]+$/, keyMessage('invoiceNoFormat'))
    .nullable(),
});

/** The invoice form: the number as typed; empty clears it (null). */
export const ZSetInvoiceNoForm = ZSetInvoiceNo.pick({ invoiceNo: true }).extend({
  invoiceNo: z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? null : v), ZSetInvoiceNo.shape.invoiceNo),
});

export const ZReceipt = z.object({ id: ZId });

export const ZDay = z.object({ day: ZLocalDate });

/** 反日结: reopening a closed day needs a reason (audited). */
export const ZReopenDay = z.object({ day: ZLocalDate, reason });
