import { z } from 'zod';
import { ZId, ZPage } from '../validation';
import { keyMessage } from '../error-key';
import { ZAmountFen } from './billing';

// A resident's online payment attempts (server/online-payments/checkout.ts). The browser says
// only WHAT to pay (bills, everything due, or a top-up amount); every amount of the bills comes
// from the database. `unitId` picks the home when the resident has several.

/** Exactly one of: chosen bills, everything due (allDue), or a top-up amount (topUpFen). */
export const ZStartCheckout = z
  .object({
    billIds: z.array(ZId).min(1, keyMessage('chooseBill')).max(100).optional(),
    allDue: z.literal(true).optional(),
    topUpFen: ZAmountFen.optional(),
    unitId: ZId.optional(),
  })
  .refine((q) => [q.billIds, q.allDue, q.topUpFen].filter((x) => x !== undefined).length === 1, { message: keyMessage('chooseBill'), path: ['billIds'] });
export type StartCheckoutInput = z.output<typeof ZStartCheckout>;

export const ZGetCheckout = z.object({ intentId: ZId });

export const ZMyCheckouts = z.object({ ...ZPage });
