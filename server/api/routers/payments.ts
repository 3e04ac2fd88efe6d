import 'server-only';
import { createTRPCRouter, permittedProcedure, tenantProcedure } from '../trpc';
import * as S from '../../shared/schemas/payments';
import { applyCredit, recordPayment } from '../../payments/record-payment';
import { reversePayment } from '../../payments/reverse-payment';
import { decideRefund, requestRefund } from '../../payments/refunds';
import { creditBalance } from '../../payments/credit-balance';
import { payerAccount } from '../../payments/payer-account';
import { getPayment, listPayments } from '../../payments/list-payments';
import { searchPayers } from '../../payments/payer-search';
import { setInvoiceNo } from '../../payments/invoice-no';
import { getReceipt } from '../../payments/receipt';
import { closeDay, dayCloseReport, dayStatus, dayTotals, reopenDay } from '../../payments/day-close';

const record = permittedProcedure('payments.record');
const approve = permittedProcedure('payments.approve');
const read = permittedProcedure('fees.read');
const reopen = permittedProcedure('days.reopen');

export const paymentsRouter = createTRPCRouter({
  recordPayment: record.input(S.ZRecordPayment).mutation(({ ctx, input }) => recordPayment(ctx.scope, input)),
  applyCredit: record.input(S.ZApplyCredit).mutation(({ ctx, input }) => applyCredit(ctx.scope, input)),
  reversePayment: record.input(S.ZReversePayment).mutation(({ ctx, input }) => reversePayment(ctx.scope, input)),
  requestRefund: record.input(S.ZRequestRefund).mutation(({ ctx, input }) => requestRefund(ctx.scope, input)),
  decideRefund: approve.input(S.ZDecideRefund).mutation(({ ctx, input }) => decideRefund(ctx.scope, input)),
  setInvoiceNo: record.input(S.ZSetInvoiceNo).mutation(({ ctx, input }) => setInvoiceNo(ctx.scope, input)),

  getCreditBalance: read.input(S.ZCreditBalance).query(({ ctx, input }) => creditBalance(ctx.scope, input)),
  getPayerAccount: read.input(S.ZPayerAccount).query(({ ctx, input }) => payerAccount(ctx.scope, input)),
  listPayments: read.input(S.ZListPayments).query(({ ctx, input }) => listPayments(ctx.scope, input)),
  listPayers: read.input(S.ZSearchPayers).query(({ ctx, input }) => searchPayers(ctx.scope, input)),
  getPayment: read.input(S.ZGetPayment).query(({ ctx, input }) => getPayment(ctx.scope, input)),

  // Any member may ask; the service decides: fee readers see all receipts, a resident their own units'.
  getReceipt: tenantProcedure.input(S.ZReceipt).query(({ ctx, input }) => getReceipt(ctx.scope, input, ctx.membership.role)),

  getDayStatus: record.input(S.ZDay).query(({ ctx, input }) => dayStatus(ctx.scope, input)),
  getDayTotals: record.input(S.ZDay).query(({ ctx, input }) => dayTotals(ctx.scope, input)),
  closeDay: record.input(S.ZDay).mutation(({ ctx, input }) => closeDay(ctx.scope, input)),
  reopenDay: reopen.input(S.ZReopenDay).mutation(({ ctx, input }) => reopenDay(ctx.scope, input)),
  getDayClose: record.input(S.ZDay).query(({ ctx, input }) => dayCloseReport(ctx.scope, input)),
});
