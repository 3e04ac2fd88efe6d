import 'server-only';
import { createTRPCRouter, permittedProcedure } from '../trpc';
import * as S from '../../shared/schemas/stations';
import { archiveStation, createStation, getStation, listMyStations, listStations, listStationStaffOptions, updateStation } from '../../stations/stations';
import { getStationOverview, setStationStandard, setStationTarget } from '../../stations/standard';

// 睦宁里 service stations (#15): URL /[tenant]/stations, components/stations/, server/stations/.
// Admins manage; staff and executives read; residents see their communities' stations (listMine).
const read = permittedProcedure('services.read');
const manage = permittedProcedure('services.manage');

export const stationsRouter = createTRPCRouter({
  list: read.input(S.ZListStations).query(({ ctx, input }) => listStations(ctx.scope, input)),
  get: read.input(S.ZStationById).query(({ ctx, input }) => getStation(ctx.scope, input)),
  getOverview: read.query(({ ctx }) => getStationOverview(ctx.scope)),
  listMine: permittedProcedure('resident.self').query(({ ctx }) => listMyStations(ctx.scope)),
  listStaffOptions: manage.query(({ ctx }) => listStationStaffOptions(ctx.scope)),
  create: manage.input(S.ZCreateStation).mutation(({ ctx, input }) => createStation(ctx.scope, input)),
  update: manage.input(S.ZUpdateStation).mutation(({ ctx, input }) => updateStation(ctx.scope, input)),
  archive: manage.input(S.ZArchiveStation).mutation(({ ctx, input }) => archiveStation(ctx.scope, input)),
  setStandard: manage.input(S.ZSetStationStandard).mutation(({ ctx, input }) => setStationStandard(ctx.scope, input)),
  setTarget: manage.input(S.ZSetStationTarget).mutation(({ ctx, input }) => setStationTarget(ctx.scope, input)),
});
