import 'server-only';
import { permittedProcedure } from '../trpc';
import * as S from '../../shared/schemas/online-refunds';
import { approveOnlineRefund, listOnlineRefunds, rejectOnlineRefund, requestOnlineRefund } from '../../online-payments/refunds';

// Refunds of online payments: the admins' part of the onlinePayments router (spread into it,
// server/api/routers/online-payments.ts). Four-eyes is checked by the service (a second admin).

const refund = permittedProcedure('onlinePayments.refund');

export const onlineRefundProcedures = {
  requestRefund: refund.input(S.ZRequestOnlineRefund).mutation(({ ctx, input }) => requestOnlineRefund(ctx.scope, input)),
  approveRefund: refund.input(S.ZApproveOnlineRefund).mutation(({ ctx, input }) => approveOnlineRefund(ctx.scope, input)),
  rejectRefund: refund.input(S.ZRejectOnlineRefund).mutation(({ ctx, input }) => rejectOnlineRefund(ctx.scope, input)),
  listRefunds: refund.input(S.ZListOnlineRefunds).query(({ ctx, input }) => listOnlineRefunds(ctx.scope, input)),
};
