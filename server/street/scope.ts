import type { StreetDb } from '../db/street';

/**
 * What a street-office (liaison) service is handed by liaisonProcedure: the request's one
 * transaction with app.street_office_id set and no tenant (row-level security shows only the
 * office's escalations, replies, escalated orders and their photos), the office, and who acts.
 */
export interface StreetScope {
  db: StreetDb;
  officeId: string;
  officeSlug: string;
  officeName: string;
  actorId: string;
  /** Another instant than the clock's, for tests. */
  now?: Date;
}
