import 'server-only';
import { createTRPCRouter, permittedProcedure } from '../trpc';
import * as S from '../../shared/schemas/billing';
import { archiveMeter, createMeter, listMeters, listReadings, recordReading } from '../../meters/meters';
import { importReadings } from '../../meters/import-readings';
import { importedCsv } from '../../uploads/upload';

// Meters and their readings: URL /[tenant]/meters, components/meters/.
const read = permittedProcedure('fees.read');
const manage = permittedProcedure('fees.manage');

export const metersRouter = createTRPCRouter({
  list: read.input(S.ZListMeters).query(({ ctx, input }) => listMeters(ctx.scope, input)),
  listReadings: read.input(S.ZListReadings).query(({ ctx, input }) => listReadings(ctx.scope, input)),
  create: manage.input(S.ZMeterInput).mutation(({ ctx, input }) => createMeter(ctx.scope, input)),
  archive: manage.input(S.ZArchive).mutation(({ ctx, input }) => archiveMeter(ctx.scope, input)),
  recordReading: manage.input(S.ZRecordReading).mutation(({ ctx, input }) => recordReading(ctx.scope, input)),
  importReadings: manage
    .input(S.ZImportReadings)
    .mutation(async ({ ctx, input }) => importReadings(ctx.scope, await importedCsv(ctx.scope.tenantId, input, 'readings-csv'))),
});
