import { z } from 'zod';
import { createTRPCRouter, permittedProcedure } from '../trpc';
import * as S from '../../property/schemas';
import { archiveCommunity, createCommunity, getCommunity, listCommunities, updateCommunity } from '../../property/communities';
import { archiveBuilding, createBuilding, listBuildings, updateBuilding } from '../../property/buildings';
import { archiveUnit, createUnit, getUnit, listUnits, updateUnit } from '../../property/units';
import { archiveResident, createResident, listResidents, myUnits, updateResident } from '../../property/residents';
import { importUnits } from '../../property/import-units';
import { readUploadedCsv } from '../../uploads/upload';
import { ZId, zText } from '../../validation';

const read = permittedProcedure('register.read');
const write = permittedProcedure('register.write');

export const propertyRouter = createTRPCRouter({
  communities: read.input(S.ZListCommunities).query(({ ctx, input }) => listCommunities(ctx.db, { ...input, tenantId: ctx.tenant.id })),
  community: read.input(z.object({ id: ZId })).query(({ ctx, input }) => getCommunity(ctx.db, { tenantId: ctx.tenant.id, id: input.id })),
  createCommunity: write.input(S.ZCommunityInput).mutation(({ ctx, input }) => createCommunity(ctx.db, { ...input, tenantId: ctx.tenant.id, actorId: ctx.user.id })),
  updateCommunity: write.input(S.ZCommunityUpdate).mutation(({ ctx, input }) => updateCommunity(ctx.db, { ...input, tenantId: ctx.tenant.id, actorId: ctx.user.id })),
  archiveCommunity: write.input(S.ZArchive).mutation(({ ctx, input }) => archiveCommunity(ctx.db, { ...input, tenantId: ctx.tenant.id, actorId: ctx.user.id })),

  buildings: read.input(S.ZListBuildings).query(({ ctx, input }) => listBuildings(ctx.db, { ...input, tenantId: ctx.tenant.id })),
  createBuilding: write.input(S.ZBuildingInput).mutation(({ ctx, input }) => createBuilding(ctx.db, { ...input, tenantId: ctx.tenant.id, actorId: ctx.user.id })),
  updateBuilding: write.input(S.ZBuildingUpdate).mutation(({ ctx, input }) => updateBuilding(ctx.db, { ...input, tenantId: ctx.tenant.id, actorId: ctx.user.id })),
  archiveBuilding: write.input(S.ZArchive).mutation(({ ctx, input }) => archiveBuilding(ctx.db, { ...input, tenantId: ctx.tenant.id, actorId: ctx.user.id })),

  units: read.input(S.ZListUnits).query(({ ctx, input }) => listUnits(ctx.db, { ...input, tenantId: ctx.tenant.id })),
  unit: read.input(z.object({ id: ZId })).query(({ ctx, input }) => getUnit(ctx.db, { tenantId: ctx.tenant.id, id: input.id })),
  createUnit: write.input(S.ZUnitInput).mutation(({ ctx, input }) => createUnit(ctx.db, { ...input, tenantId: ctx.tenant.id, actorId: ctx.user.id })),
  updateUnit: write.input(S.ZUnitUpdate).mutation(({ ctx, input }) => updateUnit(ctx.db, { ...input, tenantId: ctx.tenant.id, actorId: ctx.user.id })),
  archiveUnit: write.input(S.ZArchive).mutation(({ ctx, input }) => archiveUnit(ctx.db, { ...input, tenantId: ctx.tenant.id, actorId: ctx.user.id })),

  residents: read.input(S.ZListResidents).query(({ ctx, input }) => listResidents(ctx.db, { ...input, tenantId: ctx.tenant.id })),
  createResident: write.input(S.ZResidentInput).mutation(({ ctx, input }) => createResident(ctx.db, { ...input, tenantId: ctx.tenant.id, actorId: ctx.user.id })),
  updateResident: write.input(S.ZResidentUpdate).mutation(({ ctx, input }) => updateResident(ctx.db, { ...input, tenantId: ctx.tenant.id, actorId: ctx.user.id })),
  archiveResident: write.input(S.ZArchive).mutation(({ ctx, input }) => archiveResident(ctx.db, { ...input, tenantId: ctx.tenant.id, actorId: ctx.user.id })),

  // The form sends the file to /api/uploads first and passes its id; server-side callers may pass the text.
  importUnits: write
    .input(
      z
        .object({
          uploadId: z.uuid('Unknown upload').optional(),
          csv: z.string().min(1, 'The file is empty').max(20_000_000, 'The file is larger than 20 MB').optional(),
          fileName: zText({ max: 200 }).optional(),
        })
        .refine((v) => (v.uploadId === undefined) !== (v.csv === undefined), 'Give either an upload or the CSV text'),
    )
    .mutation(async ({ ctx, input }) => {
      const file = input.uploadId ? await readUploadedCsv(ctx.tenant.id, input.uploadId, 'units-csv') : { csv: input.csv!, fileName: input.fileName };
      return importUnits(ctx.db, { csv: file.csv, fileName: input.fileName ?? file.fileName, tenantId: ctx.tenant.id, actorId: ctx.user.id });
    }),

  myUnits: permittedProcedure('resident.self').query(({ ctx }) => myUnits(ctx.db, { tenantId: ctx.tenant.id, userId: ctx.user.id })),
});
