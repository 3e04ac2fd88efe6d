import 'server-only';
import { createTRPCRouter, permittedProcedure, tenantProcedure } from '../trpc';
import { ZMarkRead, ZMyNotifications, ZOutboxList } from '../../shared/schemas/notifications';
import { listOutbox } from '../../notifications/list-outbox';
import { listMyNotifications, markNotificationsRead } from '../../notifications/my-notifications';

// The company's outbox (what was or would have been e-mailed) and each member's own in-app
// notifications; both are written by server/notifications/outbox.ts.
export const notificationsRouter = createTRPCRouter({
  listOutbox: permittedProcedure('fees.manage')
    .input(ZOutboxList)
    .query(({ ctx, input }) => listOutbox(ctx.scope, input)),
  // The signed-in user's own notifications, whatever their role.
  listMine: tenantProcedure.input(ZMyNotifications).query(({ ctx, input }) => listMyNotifications(ctx.scope, input)),
  markRead: tenantProcedure.input(ZMarkRead).mutation(({ ctx, input }) => markNotificationsRead(ctx.scope, input)),
});
