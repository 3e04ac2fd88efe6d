import 'server-only';
import { createTRPCRouter, permittedProcedure } from '../trpc';
import * as S from '../../collection/schemas';
import { collectionSummary } from '../../collection/summary';
import { closePeriod, listPeriodCloses } from '../../collection/period-close';
import { exportArrears, listArrears } from '../../collection/arrears';
import { reminderHistory, sendReminders } from '../../collection/reminders';
import { howToPay, myBills, myPayments, mySummary } from '../../collection/resident';

const reports = permittedProcedure('reports.read');
const manage = permittedProcedure('fees.manage');
const arrearsRead = permittedProcedure('arrears.read');
const remind = permittedProcedure('reminders.send');
const resident = permittedProcedure('resident.self');

export const collectionRouter = createTRPCRouter({
  summary: reports
    .meta({ heavy: true })
    .input(S.ZSummary)
    .query(({ ctx, input }) => collectionSummary(ctx.scope, input)),

  closePeriod: manage
    .input(S.ZClosePeriod)
    .mutation(({ ctx, input }) => closePeriod(ctx.scope, input)),
  periodCloses: manage.input(S.ZPeriodCloses).query(({ ctx, input }) => listPeriodCloses(ctx.scope, input)),

  arrears: arrearsRead
    .meta({ heavy: true })
    .input(S.ZArrears)
    .query(({ ctx, input }) => listArrears(ctx.scope, input)),
  /** every row of a level, for the CSV download (app/api/arrears/export) */
  arrearsExport: arrearsRead
    .meta({ heavy: true })
    .input(S.ZArrearsExport)
    .query(({ ctx, input }) => exportArrears(ctx.scope, input)),

  sendReminders: remind.input(S.ZSendReminders).mutation(({ ctx, input }) =>
    sendReminders(ctx.scope, input),
  ),
  reminderHistory: arrearsRead.input(S.ZReminderHistory).query(({ ctx, input }) => reminderHistory(ctx.scope, input)),

  myBills: resident
    .input(S.ZMyBills)
    .query(({ ctx, input }) => myBills(ctx.scope, input)),
  myPayments: resident
    .input(S.ZMyPayments)
    .query(({ ctx, input }) => myPayments(ctx.scope, input)),
  mySummary: resident.query(({ ctx }) => mySummary(ctx.scope)),
  howToPay: resident.query(({ ctx }) => howToPay(ctx.scope)),
});
