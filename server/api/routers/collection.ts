import { createTRPCRouter, permittedProcedure, tenantProcedure } from '../trpc';
import * as S from '../../collection/schemas';
import { collectionSummary } from '../../collection/summary';
import { closePeriod, listPeriodCloses } from '../../collection/period-close';
import { exportArrears, listArrears } from '../../collection/arrears';
import { reminderHistory, sendReminders } from '../../collection/reminders';
import { listOutbox } from '../../collection/outbox-list';
import { markNotificationsRead, myNotifications } from '../../collection/notifications';
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
    .query(({ ctx, input }) => collectionSummary(ctx.db, { ...input, tenantId: ctx.tenant.id, timeZone: ctx.tenant.timeZone })),

  closePeriod: manage
    .input(S.ZClosePeriod)
    .mutation(({ ctx, input }) => closePeriod(ctx.db, { ...input, tenantId: ctx.tenant.id, actorId: ctx.user.id, timeZone: ctx.tenant.timeZone })),
  periodCloses: manage.input(S.ZPeriodCloses).query(({ ctx, input }) => listPeriodCloses(ctx.db, { ...input, tenantId: ctx.tenant.id })),

  arrears: arrearsRead
    .meta({ heavy: true })
    .input(S.ZArrears)
    .query(({ ctx, input }) => listArrears(ctx.db, { ...input, tenantId: ctx.tenant.id, timeZone: ctx.tenant.timeZone })),
  /** every row of a level, for the CSV download (app/api/arrears/export) */
  arrearsExport: arrearsRead
    .meta({ heavy: true })
    .input(S.ZArrearsExport)
    .query(({ ctx, input }) => exportArrears(ctx.db, { ...input, tenantId: ctx.tenant.id, timeZone: ctx.tenant.timeZone })),

  sendReminders: remind.input(S.ZSendReminders).mutation(({ ctx, input }) =>
    sendReminders(ctx.db, {
      ...input,
      tenantId: ctx.tenant.id,
      actorId: ctx.user.id,
      company: { name: ctx.tenant.name, slug: ctx.tenant.slug, locale: ctx.tenant.locale, timeZone: ctx.tenant.timeZone, currency: ctx.tenant.currency },
    }),
  ),
  reminderHistory: arrearsRead.input(S.ZReminderHistory).query(({ ctx, input }) => reminderHistory(ctx.db, { ...input, tenantId: ctx.tenant.id })),

  outbox: manage.input(S.ZOutboxList).query(({ ctx, input }) => listOutbox(ctx.db, { ...input, tenantId: ctx.tenant.id })),

  // The signed-in user's own notifications, whatever their role.
  myNotifications: tenantProcedure
    .input(S.ZMyNotifications)
    .query(({ ctx, input }) => myNotifications(ctx.db, { ...input, tenantId: ctx.tenant.id, userId: ctx.user.id })),
  markRead: tenantProcedure
    .input(S.ZMarkRead)
    .mutation(({ ctx, input }) => markNotificationsRead(ctx.db, { ...input, tenantId: ctx.tenant.id, userId: ctx.user.id })),

  myBills: resident
    .input(S.ZMyBills)
    .query(({ ctx, input }) => myBills(ctx.db, { ...input, tenantId: ctx.tenant.id, userId: ctx.user.id, timeZone: ctx.tenant.timeZone })),
  myPayments: resident
    .input(S.ZMyPayments)
    .query(({ ctx, input }) => myPayments(ctx.db, { ...input, tenantId: ctx.tenant.id, userId: ctx.user.id })),
  mySummary: resident.query(({ ctx }) => mySummary(ctx.db, { tenantId: ctx.tenant.id, userId: ctx.user.id, timeZone: ctx.tenant.timeZone })),
  howToPay: resident.query(({ ctx }) => howToPay(ctx.db, { tenantId: ctx.tenant.id, userId: ctx.user.id, companyName: ctx.tenant.name })),
});
