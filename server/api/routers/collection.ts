import 'server-only';
import { createTRPCRouter, permittedProcedure } from '../trpc';
import * as S from '../../collection/schemas';
import { collectionSummary } from '../../collection/summary';
import { closePeriod, getPeriodClosePreview, listPeriodCloses } from '../../collection/period-close';
import { exportArrears, listArrears } from '../../collection/arrears';
import { reminderHistory, sendReminders } from '../../collection/reminders';
import { getNotices } from '../../collection/notices';

const reports = permittedProcedure('reports.read');
const manage = permittedProcedure('fees.manage');
const arrearsRead = permittedProcedure('arrears.read');
const remind = permittedProcedure('reminders.send');

export const collectionRouter = createTRPCRouter({
  getSummary: reports
    .meta({ heavy: true })
    .input(S.ZSummary)
    .query(({ ctx, input }) => collectionSummary(ctx.scope, input)),

  closePeriod: manage.input(S.ZClosePeriod).mutation(({ ctx, input }) => closePeriod(ctx.scope, input)),
  listPeriodCloses: manage.input(S.ZPeriodCloses).query(({ ctx, input }) => listPeriodCloses(ctx.scope, input)),
  /** what closing a period would freeze, and why it cannot be closed yet */
  getPeriodClosePreview: manage.input(S.ZClosePeriod).query(({ ctx, input }) => getPeriodClosePreview(ctx.scope, input)),

  listArrears: arrearsRead
    .meta({ heavy: true })
    .input(S.ZArrears)
    .query(({ ctx, input }) => listArrears(ctx.scope, input)),
  /** every row of a level, for the CSV download (app/api/arrears/export) */
  listArrearsExport: arrearsRead
    .meta({ heavy: true })
    .input(S.ZArrearsExport)
    .query(({ ctx, input }) => exportArrears(ctx.scope, input)),

  sendReminders: remind.input(S.ZSendReminders).mutation(({ ctx, input }) => sendReminders(ctx.scope, input)),
  /** 催缴通知单 for a selection of arrears: the data the PDF route (app/api/arrears/notices) prints. */
  getNotices: remind
    .meta({ heavy: true })
    .input(S.ZNotices)
    .query(({ ctx, input }) => getNotices(ctx.scope, input)),
  listReminders: arrearsRead.input(S.ZReminderHistory).query(({ ctx, input }) => reminderHistory(ctx.scope, input)),
});
