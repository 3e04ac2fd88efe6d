import 'server-only';
import { createTRPCRouter, platformProcedure } from '../trpc';
import { listPlatformCompanies } from '../../platform/companies';
import { getPlatformFee, updateApplicationFee } from '../../platform/application-fee';
import { listPlatformAudit } from '../../platform/audit';
import { ZApplicationFee, ZPlatformAuditQuery } from '../../shared/schemas/platform';
import { getCityStandard, updateCityStandard } from '../../platform/station-standard';
import { ZUpdateCityStandard } from '../../shared/schemas/stations';
import { addLiaison, createStreetOffice, disableLiaison, listStreetOffices } from '../../platform/street-offices';
import { ZAddLiaison, ZCreateStreetOffice, ZLiaisonRef } from '../../shared/schemas/street';
import { isEmbedded } from '../../env';

// /platform: operators listed in PLATFORM_ADMINS only (everyone else: NOT_FOUND).
export const platformRouter = createTRPCRouter({
  listCompanies: platformProcedure.query(({ ctx }) => listPlatformCompanies(ctx.platform)),
  getApplicationFee: platformProcedure.query(({ ctx }) => getPlatformFee(ctx.platform)),
  updateApplicationFee: platformProcedure.input(ZApplicationFee).mutation(({ ctx, input }) => updateApplicationFee(ctx.platform, input)),
  listAudit: platformProcedure.input(ZPlatformAuditQuery).query(({ ctx, input }) => listPlatformAudit(ctx.platform, input)),
  // the city's 睦宁里 station standard (the template companies adopt, #15)
  getStationStandard: platformProcedure.query(({ ctx }) => getCityStandard(ctx.platform)),
  updateStationStandard: platformProcedure.input(ZUpdateCityStandard).mutation(({ ctx, input }) => updateCityStandard(ctx.platform, input)),
  // 街道 street offices and their liaison accounts (吹哨, #15). The embedded demo has no mail
  // server: there a new liaison's set-password mail is also returned (shown on screen).
  listStreetOffices: platformProcedure.query(({ ctx }) => listStreetOffices(ctx.platform)),
  createStreetOffice: platformProcedure.input(ZCreateStreetOffice).mutation(({ ctx, input }) => createStreetOffice(ctx.platform, input)),
  addLiaison: platformProcedure.input(ZAddLiaison).mutation(({ ctx, input }) => addLiaison(ctx.platform, input, { showMail: isEmbedded() })),
  disableLiaison: platformProcedure.input(ZLiaisonRef).mutation(({ ctx, input }) => disableLiaison(ctx.platform, input)),
});
