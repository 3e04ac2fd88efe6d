import 'server-only';
import { createTRPCRouter, permittedProcedure } from '../trpc';
import * as S from '../../shared/schemas/billing';
import { commitRun } from '../../billing/billing-run/commit';
import { getRun, listRuns } from '../../billing/billing-run/list';
import { previewRun } from '../../billing/billing-run/preview';
import { undoRun } from '../../billing/billing-run/undo';
import { createCorrection, createOneOffCharge, getBill, listBills, voidBill } from '../../billing/bills';
import { decideAdjustment, listAdjustments, requestAdjustment } from '../../billing/adjustments';
import { getPendingApprovals } from '../../billing/pending-approvals';
import { chargeLateFees } from '../../billing/late-fee-charges';
import { getAutoBilling, updateAutoBilling } from '../../billing/auto-billing';

const read = permittedProcedure('fees.read');
const manage = permittedProcedure('fees.manage');
const cashier = permittedProcedure('payments.record');

export const billingRouter = createTRPCRouter({
  // billing runs
  getRunPreview: manage.input(S.ZRunInput).query(({ ctx, input }) => previewRun(ctx.scope, input)),
  commitRun: manage.input(S.ZRunInput).mutation(({ ctx, input }) => commitRun(ctx.scope, input)),
  undoRun: manage.input(S.ZUndoRun).mutation(({ ctx, input }) => undoRun(ctx.scope, input)),
  listRuns: read.input(S.ZListRuns).query(({ ctx, input }) => listRuns(ctx.scope, input)),
  getAutoBilling: manage.query(({ ctx }) => getAutoBilling(ctx.scope)),
  updateAutoBilling: manage.input(S.ZAutoBilling).mutation(({ ctx, input }) => updateAutoBilling(ctx.scope, input)),
  getRun: read.input(S.ZById).query(({ ctx, input }) => getRun(ctx.scope, input)),

  // bills
  listBills: read.input(S.ZListBills).query(({ ctx, input }) => listBills(ctx.scope, input)),
  getBill: read.input(S.ZById).query(({ ctx, input }) => getBill(ctx.scope, input)),
  voidBill: manage.input(S.ZVoidBill).mutation(({ ctx, input }) => voidBill(ctx.scope, input)),
  createCorrection: manage.input(S.ZCreateCorrection).mutation(({ ctx, input }) => createCorrection(ctx.scope, input)),
  createOneOffCharge: manage.input(S.ZOneOffCharge).mutation(({ ctx, input }) => createOneOffCharge(ctx.scope, input)),

  // adjustments (a cashier requests, an admin decides) and late fees
  requestAdjustment: cashier.input(S.ZRequestAdjustment).mutation(({ ctx, input }) => requestAdjustment(ctx.scope, input)),
  decideAdjustment: manage.input(S.ZDecideAdjustment).mutation(({ ctx, input }) => decideAdjustment(ctx.scope, input)),
  listAdjustments: read.input(S.ZListAdjustments).query(({ ctx, input }) => listAdjustments(ctx.scope, input)),
  // the navigation's badges: requests waiting for an approver (admins decide both kinds)
  getPendingApprovals: manage.query(({ ctx }) => getPendingApprovals(ctx.scope)),
  chargeLateFees: manage.input(S.ZChargeLateFees).mutation(({ ctx, input }) => chargeLateFees(ctx.scope, input)),
});
