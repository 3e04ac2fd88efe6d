import 'server-only';
import { createTRPCRouter, permittedProcedure } from '../trpc';
import { ZMyBills, ZMyPayments } from '../../shared/schemas/my-bills';
import { howToPay, myBills, myPayments, mySummary } from '../../my-bills/resident';

// A resident's own fees: URL /[tenant]/my-bills (and my-payments), components/my-bills/.
const resident = permittedProcedure('resident.self');

export const myBillsRouter = createTRPCRouter({
  listBills: resident.input(ZMyBills).query(({ ctx, input }) => myBills(ctx.scope, input)),
  listPayments: resident.input(ZMyPayments).query(({ ctx, input }) => myPayments(ctx.scope, input)),
  getSummary: resident.query(({ ctx }) => mySummary(ctx.scope)),
  getHowToPay: resident.query(({ ctx }) => howToPay(ctx.scope)),
});
