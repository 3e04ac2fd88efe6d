import { z } from 'zod';
import { ZPage } from '../validation';
import { zYuanToFen } from '../money-input';
import { ZAmountFen, ZBillStatus } from './billing';

// Inputs of a resident's own views (server/my-bills/): their bills and their payments.

export const ZMyBills = z.object({
  /** default: every bill that is not void */
  status: ZBillStatus.optional(),
  ...ZPage,
});
export const ZMyPayments = z.object({ ...ZPage });

/** 预存 (top-up) as the resident types it: yuan → fen, then the server's amount rule. */
export const ZTopUpForm = z.object({ topUpFen: zYuanToFen().pipe(ZAmountFen) });
