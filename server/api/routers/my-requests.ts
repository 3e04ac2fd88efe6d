import 'server-only';
import { createTRPCRouter, permittedProcedure } from '../trpc';
import * as S from '../../shared/schemas/work-orders';
import { listMine } from '../../my-requests/list-mine';
import { getMine } from '../../my-requests/get-mine';
import { getRequestOptions } from '../../my-requests/request-options';
import { createRequest } from '../../my-requests/create-request';
import { acceptQuote, declineQuote } from '../../my-requests/answer-quote';
import { confirmOrder } from '../../my-requests/confirm-order';
import { reopenOrder } from '../../my-requests/reopen-order';
import { cancelMine } from '../../my-requests/cancel-mine';
import { addMyNote } from '../../my-requests/add-note';

// A resident's service requests: URL /[tenant]/my-requests, components/my-requests/. Only the
// orders of their own units (server/work-orders/access.ts); the state machine decides each action.
const mine = permittedProcedure('workorders.request');

export const myRequestsRouter = createTRPCRouter({
  listMine: mine.input(S.ZMyRequestsQuery).query(({ ctx, input }) => listMine(ctx.scope, input)),
  getMine: mine.input(S.ZOrderRef).query(({ ctx, input }) => getMine(ctx.scope, ctx.membership, input)),
  getRequestOptions: mine.query(({ ctx }) => getRequestOptions(ctx.scope)),
  create: mine.input(S.ZCreateRequest).mutation(({ ctx, input }) => createRequest(ctx.scope, ctx.membership, input)),
  acceptQuote: mine.input(S.ZOrderRef).mutation(({ ctx, input }) => acceptQuote(ctx.scope, ctx.membership, input)),
  declineQuote: mine.input(S.ZOrderRef).mutation(({ ctx, input }) => declineQuote(ctx.scope, ctx.membership, input)),
  confirm: mine.input(S.ZConfirm).mutation(({ ctx, input }) => confirmOrder(ctx.scope, ctx.membership, input)),
  reopen: mine.input(S.ZReopen).mutation(({ ctx, input }) => reopenOrder(ctx.scope, ctx.membership, input)),
  cancel: mine.input(S.ZCancel).mutation(({ ctx, input }) => cancelMine(ctx.scope, ctx.membership, input)),
  addNote: mine.input(S.ZAddNote).mutation(({ ctx, input }) => addMyNote(ctx.scope, ctx.membership, input)),
});
