import { z } from 'zod';
import { createTRPCRouter, permittedProcedure } from '../trpc';
import { ZId } from '../../validation';
import * as S from '../../billing/schemas';
import { archiveFeeItem, createFeeItem, getFeeItem, listFeeItems, priceHistory, setPrice, updateFeeItem } from '../../billing/fee-items';
import { archiveParkingSpace, createParkingSpace, getParkingSpace, listParkingSpaces, updateParkingSpace } from '../../billing/parking-spaces';
import { archiveMeter, createMeter, listMeters, listReadings, recordReading } from '../../billing/meters';
import { importReadings } from '../../billing/import-readings';
import { readUploadedCsv } from '../../uploads/upload';
import { commitRun, getRun, listRuns, previewRun, undoRun } from '../../billing/billing-run';
import { createCorrection, createOneOffCharge, getBill, listBills, voidBill } from '../../billing/bills';
import { decideAdjustment, listAdjustments, requestAdjustment } from '../../billing/adjustments';
import { chargeLateFees } from '../../billing/late-fee-charges';
import { getAutoBilling, updateAutoBilling } from '../../billing/auto-billing';

const read = permittedProcedure('fees.read');
const manage = permittedProcedure('fees.manage');
const cashier = permittedProcedure('payments.record');

export const billingRouter = createTRPCRouter({
  // fee items and prices
  listFeeItems: read.input(S.ZListFeeItems).query(({ ctx, input }) => listFeeItems(ctx.db, { ...input, tenantId: ctx.tenant.id, timeZone: ctx.tenant.timeZone })),
  getFeeItem: read.input(S.ZById).query(({ ctx, input }) => getFeeItem(ctx.db, { id: input.id, tenantId: ctx.tenant.id, timeZone: ctx.tenant.timeZone })),
  createFeeItem: manage.input(S.ZFeeItemInput).mutation(({ ctx, input }) => createFeeItem(ctx.db, { ...input, tenantId: ctx.tenant.id, actorId: ctx.user.id })),
  updateFeeItem: manage.input(S.ZFeeItemUpdate).mutation(({ ctx, input }) => updateFeeItem(ctx.db, { ...input, tenantId: ctx.tenant.id, actorId: ctx.user.id })),
  archiveFeeItem: manage.input(S.ZArchive).mutation(({ ctx, input }) => archiveFeeItem(ctx.db, { ...input, tenantId: ctx.tenant.id, actorId: ctx.user.id })),
  setPrice: manage.input(S.ZSetPrice).mutation(({ ctx, input }) => setPrice(ctx.db, { ...input, tenantId: ctx.tenant.id, actorId: ctx.user.id })),
  priceHistory: read.input(z.object({ feeItemId: ZId })).query(({ ctx, input }) => priceHistory(ctx.db, { tenantId: ctx.tenant.id, feeItemId: input.feeItemId })),

  // parking spaces
  listParkingSpaces: read.input(S.ZListParkingSpaces).query(({ ctx, input }) => listParkingSpaces(ctx.db, { ...input, tenantId: ctx.tenant.id })),
  getParkingSpace: read.input(S.ZById).query(({ ctx, input }) => getParkingSpace(ctx.db, { id: input.id, tenantId: ctx.tenant.id })),
  createParkingSpace: manage.input(S.ZParkingSpaceInput).mutation(({ ctx, input }) => createParkingSpace(ctx.db, { ...input, tenantId: ctx.tenant.id, actorId: ctx.user.id })),
  updateParkingSpace: manage.input(S.ZParkingSpaceUpdate).mutation(({ ctx, input }) => updateParkingSpace(ctx.db, { ...input, tenantId: ctx.tenant.id, actorId: ctx.user.id })),
  archiveParkingSpace: manage.input(S.ZArchive).mutation(({ ctx, input }) => archiveParkingSpace(ctx.db, { ...input, tenantId: ctx.tenant.id, actorId: ctx.user.id })),

  // meters and readings
  listMeters: read.input(S.ZListMeters).query(({ ctx, input }) => listMeters(ctx.db, { ...input, tenantId: ctx.tenant.id })),
  listReadings: read.input(S.ZListReadings).query(({ ctx, input }) => listReadings(ctx.db, { ...input, tenantId: ctx.tenant.id })),
  createMeter: manage.input(S.ZMeterInput).mutation(({ ctx, input }) => createMeter(ctx.db, { ...input, tenantId: ctx.tenant.id, actorId: ctx.user.id })),
  archiveMeter: manage.input(S.ZArchive).mutation(({ ctx, input }) => archiveMeter(ctx.db, { ...input, tenantId: ctx.tenant.id, actorId: ctx.user.id })),
  recordReading: manage.input(S.ZRecordReading).mutation(({ ctx, input }) => recordReading(ctx.db, { ...input, tenantId: ctx.tenant.id, actorId: ctx.user.id })),
  importReadings: manage
    .input(S.ZImportReadings)
    .mutation(async ({ ctx, input }) => {
      const file = input.uploadId ? await readUploadedCsv(ctx.tenant.id, input.uploadId, 'readings-csv') : { csv: input.csv!, fileName: input.fileName };
      return importReadings(ctx.db, { csv: file.csv, fileName: input.fileName ?? file.fileName, tenantId: ctx.tenant.id, actorId: ctx.user.id });
    }),

  // billing runs
  previewRun: manage.input(S.ZRunInput).query(({ ctx, input }) => previewRun(ctx.db, { ...input, tenantId: ctx.tenant.id })),
  commitRun: manage.input(S.ZRunInput).mutation(({ ctx, input }) => commitRun(ctx.db, { ...input, tenantId: ctx.tenant.id, actorId: ctx.user.id })),
  undoRun: manage.input(S.ZUndoRun).mutation(({ ctx, input }) => undoRun(ctx.db, { ...input, tenantId: ctx.tenant.id, actorId: ctx.user.id })),
  listRuns: read.input(S.ZListRuns).query(({ ctx, input }) => listRuns(ctx.db, { ...input, tenantId: ctx.tenant.id })),
  getAutoBilling: manage.query(({ ctx }) => getAutoBilling(ctx.db, ctx.tenant.id)),
  updateAutoBilling: manage.input(S.ZAutoBilling).mutation(({ ctx, input }) => updateAutoBilling(ctx.db, { ...input, tenantId: ctx.tenant.id, actorId: ctx.user.id })),
  getRun: read.input(S.ZById).query(({ ctx, input }) => getRun(ctx.db, { id: input.id, tenantId: ctx.tenant.id })),

  // bills
  listBills: read.input(S.ZListBills).query(({ ctx, input }) => listBills(ctx.db, { ...input, tenantId: ctx.tenant.id, timeZone: ctx.tenant.timeZone })),
  getBill: read.input(S.ZById).query(({ ctx, input }) => getBill(ctx.db, { id: input.id, tenantId: ctx.tenant.id, timeZone: ctx.tenant.timeZone })),
  voidBill: manage.input(S.ZVoidBill).mutation(({ ctx, input }) => voidBill(ctx.db, { ...input, tenantId: ctx.tenant.id, actorId: ctx.user.id })),
  createCorrection: manage
    .input(S.ZCreateCorrection)
    .mutation(({ ctx, input }) => createCorrection(ctx.db, { ...input, tenantId: ctx.tenant.id, actorId: ctx.user.id, timeZone: ctx.tenant.timeZone })),
  createOneOffCharge: manage.input(S.ZOneOffCharge).mutation(({ ctx, input }) => createOneOffCharge(ctx.db, { ...input, tenantId: ctx.tenant.id, actorId: ctx.user.id })),

  // adjustments (a cashier requests, an admin decides) and late fees
  requestAdjustment: cashier.input(S.ZRequestAdjustment).mutation(({ ctx, input }) => requestAdjustment(ctx.db, { ...input, tenantId: ctx.tenant.id, actorId: ctx.user.id })),
  decideAdjustment: manage
    .input(S.ZDecideAdjustment)
    .mutation(({ ctx, input }) => decideAdjustment(ctx.db, { ...input, tenantId: ctx.tenant.id, actorId: ctx.user.id, timeZone: ctx.tenant.timeZone })),
  listAdjustments: read.input(S.ZListAdjustments).query(({ ctx, input }) => listAdjustments(ctx.db, { ...input, tenantId: ctx.tenant.id })),
  chargeLateFees: manage
    .input(S.ZChargeLateFees)
    .mutation(({ ctx, input }) => chargeLateFees(ctx.db, { ...input, tenantId: ctx.tenant.id, actorId: ctx.user.id, timeZone: ctx.tenant.timeZone })),
});
