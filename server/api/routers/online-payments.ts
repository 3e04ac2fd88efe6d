import 'server-only';
import { createTRPCRouter, permittedProcedure } from '../trpc';
import { ZGetCheckout, ZMyCheckouts, ZStartCheckout } from '../../shared/schemas/checkout';
import { getCheckout, listMyCheckouts, startCheckout } from '../../online-payments/checkout';
import { onlinePaymentsAdminProcedures } from './online-payments-admin';
import { onlineRefundProcedures } from './online-payments-refunds';

// Online payment (#14): URL /[tenant]/online-payments (admin) and the resident's pay flow under
// /[tenant]/my-bills. One router; each part adds its procedures below its own heading.

const resident = permittedProcedure('resident.pay');

export const onlinePaymentsRouter = createTRPCRouter({
  // ── the admin: Stripe account, methods, overpayment policy, reconciliation (online-payments-admin.ts) ──
  ...onlinePaymentsAdminProcedures,
  // ── refunds of online payments, approvals (server/online-payments/refunds.ts) ──
  ...onlineRefundProcedures,
  // ── a resident pays (server/online-payments/checkout.ts) ──
  startCheckout: resident.input(ZStartCheckout).mutation(({ ctx, input }) => startCheckout(ctx.scope, input)),
  getCheckout: resident.input(ZGetCheckout).query(({ ctx, input }) => getCheckout(ctx.scope, input)),
  listMyCheckouts: resident.input(ZMyCheckouts).query(({ ctx, input }) => listMyCheckouts(ctx.scope, input)),
});
