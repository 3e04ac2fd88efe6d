import { inject } from 'vitest';
import { createThrowawayDatabase, type ThrowawayDatabase } from '../../scripts/lib/throwaway-db';

/** The server for throwaway databases, or '' when there is none (tests skip). */
export const pgServerUrl = (): string => inject('pgServerUrl');

export type TestDatabase = ThrowawayDatabase;

/** A fresh, migrated database of its own for one test file. Never DATABASE_URL. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const server = pgServerUrl();
  if (!server) throw new Error('no PostgreSQL server for tests');
  return createThrowawayDatabase(server);
}
