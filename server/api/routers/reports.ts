import 'server-only';
import { createTRPCRouter, permittedProcedure } from '../trpc';
import { ZQualityWeights, ZQuarterRanking, ZRelationship, ZReportRange } from '../../shared/schemas/reports';
import { ratesReport } from '../../reports/rates-report';
import { qualityReport } from '../../reports/quality-report';
import { quarterRanking } from '../../reports/quarter-ranking';
import { relationshipReport } from '../../reports/relationship';
import { getQualityWeights, setQualityWeights } from '../../reports/quality-weights';

// #16 reports: read by admins and executives; the index weights are set by admins (services.manage).
const read = permittedProcedure('reports.read');
const heavy = read.meta({ heavy: true });

export const reportsRouter = createTRPCRouter({
  getRates: heavy.input(ZReportRange).query(({ ctx, input }) => ratesReport(ctx.scope, input)),
  getQuality: heavy.input(ZReportRange).query(({ ctx, input }) => qualityReport(ctx.scope, input)),
  getRelationship: heavy.input(ZRelationship).query(({ ctx, input }) => relationshipReport(ctx.scope, input)),
  getQuarterRanking: heavy.input(ZQuarterRanking).query(({ ctx, input }) => quarterRanking(ctx.scope, input)),
  getWeights: read.query(({ ctx }) => getQualityWeights(ctx.scope)),
  setWeights: permittedProcedure('services.manage')
    .input(ZQualityWeights)
    .mutation(({ ctx, input }) => setQualityWeights(ctx.scope, input)),
});
