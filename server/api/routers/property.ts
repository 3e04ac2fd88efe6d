import 'server-only';
import { z } from 'zod';
import { createTRPCRouter, permittedProcedure } from '../trpc';
import * as S from '../../shared/schemas/property';
import { archiveCommunity, createCommunity, getCommunity, listCommunities, updateCommunity } from '../../property/communities';
import { archiveBuilding, createBuilding, listBuildings, updateBuilding } from '../../property/buildings';
import { archiveUnit, createUnit, getUnit, listUnits, updateUnit } from '../../property/units';
import { archiveResident, createResident, listResidents, myUnits, updateResident } from '../../property/residents';
import { importUnits } from '../../property/import-units';
import { generateUnits, previewGeneratedUnits } from '../../property/generate-units';
import { importedCsv } from '../../uploads/upload';
import { ZId, zText } from '../../shared/validation';
import { keyMessage } from '../../shared/error-key';

const read = permittedProcedure('register.read');
const write = permittedProcedure('register.write');

export const propertyRouter = createTRPCRouter({
  listCommunities: read.input(S.ZListCommunities).query(({ ctx, input }) => listCommunities(ctx.scope, input)),
  getCommunity: read.input(z.object({ id: ZId })).query(({ ctx, input }) => getCommunity(ctx.scope, input)),
  createCommunity: write.input(S.ZCommunityInput).mutation(({ ctx, input }) => createCommunity(ctx.scope, input)),
  updateCommunity: write.input(S.ZCommunityUpdate).mutation(({ ctx, input }) => updateCommunity(ctx.scope, input)),
  archiveCommunity: write.input(S.ZArchive).mutation(({ ctx, input }) => archiveCommunity(ctx.scope, input)),

  listBuildings: read.input(S.ZListBuildings).query(({ ctx, input }) => listBuildings(ctx.scope, input)),
  createBuilding: write.input(S.ZBuildingInput).mutation(({ ctx, input }) => createBuilding(ctx.scope, input)),
  updateBuilding: write.input(S.ZBuildingUpdate).mutation(({ ctx, input }) => updateBuilding(ctx.scope, input)),
  archiveBuilding: write.input(S.ZArchive).mutation(({ ctx, input }) => archiveBuilding(ctx.scope, input)),

  listUnits: read.input(S.ZListUnits).query(({ ctx, input }) => listUnits(ctx.scope, input, ctx.membership)),
  getUnit: read.input(z.object({ id: ZId })).query(({ ctx, input }) => getUnit(ctx.scope, input, ctx.membership)),
  createUnit: write.input(S.ZUnitInput).mutation(({ ctx, input }) => createUnit(ctx.scope, input)),
  updateUnit: write.input(S.ZUnitUpdate).mutation(({ ctx, input }) => updateUnit(ctx.scope, input)),
  archiveUnit: write.input(S.ZArchive).mutation(({ ctx, input }) => archiveUnit(ctx.scope, input)),
  // A building's units in one step: the preview (what would be written, what exists), then the commit.
  getGeneratedUnits: write.input(S.ZGenerateUnits).query(({ ctx, input }) => previewGeneratedUnits(ctx.scope, input)),
  generateUnits: write.input(S.ZGenerateUnits).mutation(({ ctx, input }) => generateUnits(ctx.scope, input)),

  listResidents: read.input(S.ZListResidents).query(({ ctx, input }) => listResidents(ctx.scope, input, ctx.membership)),
  createResident: write.input(S.ZResidentInput).mutation(({ ctx, input }) => createResident(ctx.scope, input)),
  updateResident: write.input(S.ZResidentUpdate).mutation(({ ctx, input }) => updateResident(ctx.scope, input)),
  archiveResident: write.input(S.ZArchive).mutation(({ ctx, input }) => archiveResident(ctx.scope, input)),

  // The form sends the file to /api/uploads first and passes its id; server-side callers may pass the text.
  importUnits: write
    .input(
      z
        .object({
          uploadId: z.uuid(keyMessage('uploadUnknown')).optional(),
          csv: z.string().min(1, keyMessage('fileEmpty')).max(20_000_000, keyMessage('fileTooLarge')).optional(),
          fileName: zText({ max: 200 }).optional(),
        })
        .refine((v) => (v.uploadId === undefined) !== (v.csv === undefined), keyMessage('uploadOrCsv')),
    )
    .mutation(async ({ ctx, input }) => importUnits(ctx.scope, await importedCsv(ctx.scope.tenantId, input, 'units-csv'))),

  listMyUnits: permittedProcedure('resident.self').query(({ ctx }) => myUnits(ctx.scope)),
});
