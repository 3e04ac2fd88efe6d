// Typed messages: a key missing from the English files (the reference) fails `tsc`.
// Both locales must hold the same keys (checked by comparing the two folders).
import type { Locale } from '@/server/shared/locale';
import type common from './messages/en/common.json';
import type enums from './messages/en/enums.json';
import type errors from './messages/en/errors.json';
import type landing from './messages/en/landing.json';
import type auth from './messages/en/auth.json';
import type companies from './messages/en/companies.json';
import type shell from './messages/en/shell.json';
import type home from './messages/en/home.json';
import type communities from './messages/en/communities.json';
import type units from './messages/en/units.json';
import type residents from './messages/en/residents.json';
import type importMessages from './messages/en/import.json';
import type members from './messages/en/members.json';
import type audit from './messages/en/audit.json';
import type settings from './messages/en/settings.json';
import type fees from './messages/en/fees.json';
import type billing from './messages/en/billing.json';
import type cashier from './messages/en/cashier.json';
import type collection from './messages/en/collection.json';
import type myBills from './messages/en/myBills.json';
import type myHousehold from './messages/en/myHousehold.json';
import type notifications from './messages/en/notifications.json';
import type onlinePayments from './messages/en/onlinePayments.json';
import type platform from './messages/en/platform.json';
import type street from './messages/en/street.json';
import type services from './messages/en/services.json';
import type stations from './messages/en/stations.json';
import type announcements from './messages/en/announcements.json';
import type workOrders from './messages/en/workOrders.json';
import type myRequests from './messages/en/myRequests.json';
import type reports from './messages/en/reports.json';

declare module 'next-intl' {
  interface AppConfig {
    Locale: Locale;
    Messages: {
      common: typeof common;
      enums: typeof enums;
      errors: typeof errors;
      landing: typeof landing;
      auth: typeof auth;
      companies: typeof companies;
      shell: typeof shell;
      home: typeof home;
      communities: typeof communities;
      units: typeof units;
      residents: typeof residents;
      import: typeof importMessages;
      members: typeof members;
      audit: typeof audit;
      settings: typeof settings;
      fees: typeof fees;
      billing: typeof billing;
      cashier: typeof cashier;
      collection: typeof collection;
      myBills: typeof myBills;
      myHousehold: typeof myHousehold;
      notifications: typeof notifications;
      onlinePayments: typeof onlinePayments;
      platform: typeof platform;
      street: typeof street;
      services: typeof services;
      stations: typeof stations;
      announcements: typeof announcements;
      workOrders: typeof workOrders;
      myRequests: typeof myRequests;
      reports: typeof reports;
    };
  }
}
