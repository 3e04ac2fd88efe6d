import 'server-only';
import { z } from 'zod';
import { createTRPCRouter, permittedProcedure } from '../trpc';
import { ZId } from '../../shared/validation';
import * as S from '../../shared/schemas/billing';
import { archiveFeeItem, createFeeItem, getFeeItem, listFeeItems, priceHistory, setPrice, updateFeeItem } from '../../fee-items/fee-items';

// Fee items and their prices: URL /[tenant]/fee-items, components/fee-items/.
const read = permittedProcedure('fees.read');
const manage = permittedProcedure('fees.manage');

export const feeItemsRouter = createTRPCRouter({
  list: read.input(S.ZListFeeItems).query(({ ctx, input }) => listFeeItems(ctx.scope, input)),
  get: read.input(S.ZById).query(({ ctx, input }) => getFeeItem(ctx.scope, input)),
  create: manage.input(S.ZFeeItemInput).mutation(({ ctx, input }) => createFeeItem(ctx.scope, input)),
  update: manage.input(S.ZFeeItemUpdate).mutation(({ ctx, input }) => updateFeeItem(ctx.scope, input)),
  archive: manage.input(S.ZArchive).mutation(({ ctx, input }) => archiveFeeItem(ctx.scope, input)),
  setPrice: manage.input(S.ZSetPrice).mutation(({ ctx, input }) => setPrice(ctx.scope, input)),
  listPrices: read.input(z.object({ feeItemId: ZId })).query(({ ctx, input }) => priceHistory(ctx.scope, input)),
});
