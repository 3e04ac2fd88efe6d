import 'server-only';
import { createTRPCRouter, permittedProcedure } from '../trpc';
import * as S from '../../shared/schemas/billing';
import { archiveParkingSpace, createParkingSpace, getParkingSpace, listParkingSpaces, updateParkingSpace } from '../../parking/parking-spaces';

// Parking spaces: URL /[tenant]/parking, components/parking/.
const read = permittedProcedure('fees.read');
const manage = permittedProcedure('fees.manage');

export const parkingRouter = createTRPCRouter({
  list: read.input(S.ZListParkingSpaces).query(({ ctx, input }) => listParkingSpaces(ctx.scope, input)),
  get: read.input(S.ZById).query(({ ctx, input }) => getParkingSpace(ctx.scope, input)),
  create: manage.input(S.ZParkingSpaceInput).mutation(({ ctx, input }) => createParkingSpace(ctx.scope, input)),
  update: manage.input(S.ZParkingSpaceUpdate).mutation(({ ctx, input }) => updateParkingSpace(ctx.scope, input)),
  archive: manage.input(S.ZArchive).mutation(({ ctx, input }) => archiveParkingSpace(ctx.scope, input)),
});
