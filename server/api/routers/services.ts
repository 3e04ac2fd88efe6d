import 'server-only';
import { createTRPCRouter, permittedProcedure } from '../trpc';
import { ZId } from '../../shared/validation';
import { z } from 'zod';
import * as S from '../../shared/schemas/services';
import { archiveCategory, createCategory, listCategories, reorderCategories, updateCategory } from '../../services/categories';
import { archiveItem, createItem, getItem, listItems, updateItem } from '../../services/items';
import { listMyOfferedServices } from '../../services/offered';

// The service catalogue (#15): URL /[tenant]/services, components/services/, server/services/.
const read = permittedProcedure('services.read');
const manage = permittedProcedure('services.manage');

export const servicesRouter = createTRPCRouter({
  listCategories: read.input(S.ZListCategories).query(({ ctx, input }) => listCategories(ctx.scope, input)),
  createCategory: manage.input(S.ZCreateCategory).mutation(({ ctx, input }) => createCategory(ctx.scope, input)),
  updateCategory: manage.input(S.ZUpdateCategory).mutation(({ ctx, input }) => updateCategory(ctx.scope, input)),
  reorderCategories: manage.input(S.ZReorderCategories).mutation(({ ctx, input }) => reorderCategories(ctx.scope, input)),
  archiveCategory: manage.input(S.ZArchiveById).mutation(({ ctx, input }) => archiveCategory(ctx.scope, input)),
  listItems: read.input(S.ZListItems).query(({ ctx, input }) => listItems(ctx.scope, input)),
  getItem: read.input(z.object({ id: ZId })).query(({ ctx, input }) => getItem(ctx.scope, input)),
  createItem: manage.input(S.ZCreateItem).mutation(({ ctx, input }) => createItem(ctx.scope, input)),
  updateItem: manage.input(S.ZUpdateItem).mutation(({ ctx, input }) => updateItem(ctx.scope, input)),
  archiveItem: manage.input(S.ZArchiveById).mutation(({ ctx, input }) => archiveItem(ctx.scope, input)),
  /** A resident: the services offered in their own units' communities (the request form). */
  listOffered: permittedProcedure('resident.self').query(({ ctx }) => listMyOfferedServices(ctx.scope)),
});
