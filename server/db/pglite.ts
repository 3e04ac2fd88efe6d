// How every embedded PGlite is opened: with the extensions the migrations create (pg_trgm for
// the payer search's trigram indexes). Used by the app (client.ts) and the tests that open PGlite.

import type { PGlite, PGliteOptions } from '@electric-sql/pglite';

export async function pgliteOptions(): Promise<PGliteOptions> {
  const { pg_trgm } = await import('@electric-sql/pglite/contrib/pg_trgm');
  return { extensions: { pg_trgm } };
}

/** A PGlite in `dataDir` (or in memory) with the extensions the migrations need. */
export async function openPglite(dataDir?: string): Promise<PGlite> {
  const { PGlite } = await import('@electric-sql/pglite');
  return dataDir ? PGlite.create(dataDir, await pgliteOptions()) : PGlite.create(await pgliteOptions());
}
