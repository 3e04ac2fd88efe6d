import 'server-only';
import { createTRPCRouter, permittedProcedure } from '../trpc';
import { dashboardFigures } from '../../home/dashboard';

export const homeRouter = createTRPCRouter({
  // The staff dashboard's counts and fee figures (each figure only for a role that may read it).
  // Not `heavy`: its collection summary is one period's, read from the rollups.
  getDashboard: permittedProcedure('register.read').query(({ ctx }) => dashboardFigures(ctx.scope, ctx.membership)),
});
