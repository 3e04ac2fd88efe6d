import pg from 'pg';
import type { TestProject } from 'vitest/node';

import { testServerUrl } from '../../scripts/lib/throwaway-db';

// Integration tests need a PostgreSQL server: TEST_DATABASE_URL's, else the local one.
// They never touch DATABASE_URL. When none answers they are reported as skipped.

export default async function setup(project: TestProject) {
  const url = testServerUrl();
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  let available = false;
  try {
    await client.connect();
    await client.query('select 1');
    available = true;
  } catch (e) {
    console.warn(
      `\n⚠ Integration tests need PostgreSQL and none answered at ${url.replace(/:[^:@/]*@/, ':***@')} ` +
        `(${(e as Error).message}). Set TEST_DATABASE_URL to a server where databases can be created. ` +
        `They are reported as SKIPPED, not passed.\n`,
    );
  } finally {
    await client.end().catch(() => {});
  }
  project.provide('pgServerUrl', available ? url : '');
}

declare module 'vitest' {
  export interface ProvidedContext {
    pgServerUrl: string;
  }
}
