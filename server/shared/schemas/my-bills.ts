import { z } from 'zod';
import { ZPage } from '../validation';
import { ZBillStatus } from './billing';

// Inputs of a resident's own views (server/my-bills/): their bills and their payments.

export const ZMyBills = z.object({
  /** default: every bill that is not void */
  status: ZBillStatus.optional(),
  ...ZPage,
});
export const ZMyPayments = z.object({ ...ZPage });
