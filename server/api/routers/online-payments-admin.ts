import 'server-only';
import { permittedProcedure } from '../trpc';
import { ZOnlinePaymentSettings, ZReconciliationQuery } from '../../shared/schemas/online-payments';
import { connectStripe, getOnlinePaymentSettings, refreshStripeStatus, updateOnlinePaymentSettings } from '../../online-payments/connect';
import { reconcileOnlinePayments } from '../../online-payments/reconciliation';

// The admin's part of the onlinePayments router (spread into it, server/api/routers/online-payments.ts):
// the company's Stripe account, what residents see, and reconciliation.

const manage = permittedProcedure('onlinePayments.manage');

export const onlinePaymentsAdminProcedures = {
  getSettings: manage.query(({ ctx }) => getOnlinePaymentSettings(ctx.scope)),
  /** Makes the connected account if needed; returns the Account Link to Stripe's onboarding. */
  connect: manage.mutation(({ ctx }) => connectStripe(ctx.scope)),
  refreshStatus: manage.mutation(({ ctx }) => refreshStripeStatus(ctx.scope)),
  updateSettings: manage.input(ZOnlinePaymentSettings).mutation(({ ctx, input }) => updateOnlinePaymentSettings(ctx.scope, input)),
  getReconciliation: permittedProcedure('onlinePayments.reconcile')
    .meta({ heavy: true })
    .input(ZReconciliationQuery)
    .query(({ ctx, input }) => reconcileOnlinePayments(ctx.scope, input)),
};
