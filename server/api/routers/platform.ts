import 'server-only';
import { createTRPCRouter, platformProcedure } from '../trpc';
import { listPlatformCompanies } from '../../platform/companies';
import { getPlatformFee, updateApplicationFee } from '../../platform/application-fee';
import { listPlatformAudit } from '../../platform/audit';
import { ZApplicationFee, ZPlatformAuditQuery } from '../../shared/schemas/platform';

// /platform: operators listed in PLATFORM_ADMINS only (everyone else: NOT_FOUND).
export const platformRouter = createTRPCRouter({
  listCompanies: platformProcedure.query(({ ctx }) => listPlatformCompanies(ctx.platform)),
  getApplicationFee: platformProcedure.query(({ ctx }) => getPlatformFee(ctx.platform)),
  updateApplicationFee: platformProcedure.input(ZApplicationFee).mutation(({ ctx, input }) => updateApplicationFee(ctx.platform, input)),
  listAudit: platformProcedure.input(ZPlatformAuditQuery).query(({ ctx, input }) => listPlatformAudit(ctx.platform, input)),
});
