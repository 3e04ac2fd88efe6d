import 'server-only';
import { createCallerFactory, createTRPCRouter } from './trpc';
import { accountRouter } from './routers/account';
import { companyRouter } from './routers/company';
import { membersRouter } from './routers/members';
import { propertyRouter } from './routers/property';
import { billingRouter } from './routers/billing';
import { feeItemsRouter } from './routers/fee-items';
import { parkingRouter } from './routers/parking';
import { metersRouter } from './routers/meters';
import { paymentsRouter } from './routers/payments';
import { collectionRouter } from './routers/collection';
import { myBillsRouter } from './routers/my-bills';
import { myHouseholdRouter } from './routers/my-household';
import { notificationsRouter } from './routers/notifications';
import { uploadsRouter } from './routers/uploads';
import { platformRouter } from './routers/platform';
import { onlinePaymentsRouter } from './routers/online-payments';
import { announcementsRouter } from './routers/announcements';
import { servicesRouter } from './routers/services';
import { stationsRouter } from './routers/stations';
import { workOrdersRouter } from './routers/work-orders';
import { myRequestsRouter } from './routers/my-requests';
import { streetRouter } from './routers/street';
import { reportsRouter } from './routers/reports';
import { homeRouter } from './routers/home';

export const appRouter = createTRPCRouter({
  account: accountRouter,
  company: companyRouter,
  home: homeRouter,
  members: membersRouter,
  property: propertyRouter,
  feeItems: feeItemsRouter,
  parking: parkingRouter,
  meters: metersRouter,
  billing: billingRouter,
  payments: paymentsRouter,
  collection: collectionRouter,
  myBills: myBillsRouter,
  myHousehold: myHouseholdRouter,
  notifications: notificationsRouter,
  uploads: uploadsRouter,
  platform: platformRouter,
  onlinePayments: onlinePaymentsRouter,
  announcements: announcementsRouter,
  services: servicesRouter,
  stations: stationsRouter,
  workOrders: workOrdersRouter,
  myRequests: myRequestsRouter,
  street: streetRouter,
  reports: reportsRouter,
});

export type AppRouter = typeof appRouter;
export const createCaller = createCallerFactory(appRouter);
