// How every embedded PGlite is opened: with the extensions the migrations create (pg_trgm for
// the payer search's trigram indexes). Used by the app (client.ts) and the tests that open PGlite.

import v8 from 'node:v8';
import type { PGlite, PGliteOptions } from '@electric-sql/pglite';

export async function pgliteOptions(): Promise<PGliteOptions> {
  const { pg_trgm } = await import('@electric-sql/pglite/contrib/pg_trgm');
  return { extensions: { pg_trgm } };
}

export interface OpenPgliteOptions {
  /**
   * Compile PGlite's WebAssembly whole and optimized while it opens (the server: see below),
   * rather than V8's default: each function compiled when first called, optimized once it runs
   * hot. Lazily, the first request to reach a planner or executor path waits for the compiler:
   * the demo's arrears statement took 830 ms the first time and 60 ms after; compiled eagerly,
   * 70 ms the first time, for about 4 s more (on V8's compile threads) when the database opens.
   * Tests leave it off (they open many short-lived databases).
   */
  compileEagerly?: boolean;
}

/** A PGlite in `dataDir` (or in memory) with the extensions the migrations need. */
export async function openPglite(dataDir?: string, opts: OpenPgliteOptions = {}): Promise<PGlite> {
  const { PGlite } = await import('@electric-sql/pglite');
  const options = await pgliteOptions();
  // V8's flags are the process's: eager only while PGlite (and its extensions) compile, then
  // back to the defaults for any other WebAssembly (Prisma's schema engine, …).
  if (opts.compileEagerly) setFlags(['--no-wasm-lazy-compilation', '--no-wasm-dynamic-tiering']);
  try {
    return dataDir ? await PGlite.create(dataDir, options) : await PGlite.create(options);
  } finally {
    if (opts.compileEagerly) setFlags(['--wasm-lazy-compilation', '--wasm-dynamic-tiering']);
  }
}

function setFlags(flags: string[]) {
  for (const f of flags) v8.setFlagsFromString(f);
}
