import 'server-only';
import { z } from 'zod';
import { createTRPCRouter, permittedProcedure } from '../trpc';
import { ZPage } from '../../shared/validation';
import * as S from '../../shared/schemas/work-orders';
import { getOrder } from '../../work-orders/get-order';
import { listQueue } from '../../work-orders/list-queue';
import { createOrder } from '../../work-orders/create-order';
import { assignOrder } from '../../work-orders/assign-order';
import { autoAssign, listAssignees, listStaff } from '../../work-orders/auto-assign';
import { setPriority } from '../../work-orders/set-priority';
import { acceptOrder } from '../../work-orders/accept-order';
import { quoteOrder } from '../../work-orders/quote-order';
import { startOrder } from '../../work-orders/start-order';
import { completeOrder } from '../../work-orders/complete-order';
import { addNote } from '../../work-orders/add-note';
import { cancelOrder } from '../../work-orders/cancel-order';
import { listReturnVisits, recordReturnVisit } from '../../work-orders/return-visits';
import { escalateOrder, listOfficeResponseTimes, listStreetOffices } from '../../work-orders/escalate';
import { listBoard } from '../../work-orders/list-board';

// Work orders from the company's side: URL /[tenant]/work-orders, components/work-orders/.
// Which order each caller may see and act on: server/work-orders/access.ts; every status change
// goes through the state machine (server/shared/work-order-states.ts). Residents: myRequests.
const view = permittedProcedure('workorders.view'); // staff: their orders; admins, executives: all
const work = permittedProcedure('workorders.work'); // the assignee's own work
const dispatch = permittedProcedure('workorders.dispatch');
const followUp = permittedProcedure('workorders.followUp');

export const workOrdersRouter = createTRPCRouter({
  getOrder: view.input(S.ZOrderRef).query(({ ctx, input }) => getOrder(ctx.scope, ctx.membership, input)),
  listQueue: work.query(({ ctx }) => listQueue(ctx.scope, ctx.membership)),
  createOrder: work.input(S.ZCreateOrder).mutation(({ ctx, input }) => createOrder(ctx.scope, ctx.membership, input)),
  // the dispatch board: dispatchers; executives read it too (workorders.board)
  listBoard: permittedProcedure('workorders.board')
    .input(S.ZBoardQuery)
    .query(({ ctx, input }) => listBoard(ctx.scope, ctx.membership, input)),
  listStaff: permittedProcedure('workorders.board').query(({ ctx }) => listStaff(ctx.scope)),
  // dispatch
  listAssignees: dispatch.input(S.ZOrderRef).query(({ ctx, input }) => listAssignees(ctx.scope, ctx.membership, input)),
  assign: dispatch.input(S.ZAssign).mutation(({ ctx, input }) => assignOrder(ctx.scope, ctx.membership, input)),
  autoAssign: dispatch.input(S.ZOrderRef).mutation(({ ctx, input }) => autoAssign(ctx.scope, ctx.membership, input)),
  setPriority: dispatch.input(S.ZSetPriority).mutation(({ ctx, input }) => setPriority(ctx.scope, ctx.membership, input)),
  cancel: dispatch.input(S.ZCancel).mutation(({ ctx, input }) => cancelOrder(ctx.scope, ctx.membership, input)),
  // the assignee's work
  accept: work.input(S.ZOrderRef).mutation(({ ctx, input }) => acceptOrder(ctx.scope, ctx.membership, input)),
  quote: work.input(S.ZQuote).mutation(({ ctx, input }) => quoteOrder(ctx.scope, ctx.membership, input)),
  start: work.input(S.ZOrderRef).mutation(({ ctx, input }) => startOrder(ctx.scope, ctx.membership, input)),
  complete: work.input(S.ZComplete).mutation(({ ctx, input }) => completeOrder(ctx.scope, ctx.membership, input)),
  addNote: work.input(S.ZAddNote).mutation(({ ctx, input }) => addNote(ctx.scope, ctx.membership, input)),
  // 回访
  listReturnVisits: followUp.input(z.object({ ...ZPage })).query(({ ctx, input }) => listReturnVisits(ctx.scope, input)),
  recordReturnVisit: followUp.input(S.ZReturnVisit).mutation(({ ctx, input }) => recordReturnVisit(ctx.scope, ctx.membership, input)),
  // 吹哨: escalate to a street office; how long each office takes to answer (admins, executives)
  escalate: followUp.input(S.ZEscalate).mutation(({ ctx, input }) => escalateOrder(ctx.scope, ctx.membership, input)),
  listStreetOffices: followUp.query(({ ctx }) => listStreetOffices(ctx.scope)),
  listOfficeResponseTimes: permittedProcedure('workorders.read').query(({ ctx }) => listOfficeResponseTimes(ctx.scope)),
});
