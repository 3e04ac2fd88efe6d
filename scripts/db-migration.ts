/**
 * `npm run db:migration -- <name>`: writes prisma/migrations/<timestamp>_<name>/migration.sql
 * with what prisma/schema.prisma adds to the existing migrations (`prisma migrate dev
 * --create-only`, on the wasm schema engine). Needs a PostgreSQL server: DATABASE_URL, else
 * TEST_DATABASE_URL, else the local one. A throwaway database is created there to work from
 * and dropped afterwards, so no real database is ever written to.
 */
import { randomBytes } from 'node:crypto';
import { relative } from 'node:path';
import { MIGRATION_NAME, adminQuery, createMigration } from '../server/db/schema-engine';

const DEFAULT_SERVER = 'postgresql://postgres@127.0.0.1:5432/postgres';

async function main(): Promise<number> {
  const args = process.argv.slice(2).filter((a) => a !== '--');
  const name = args[0];
  if (!name || args.length > 1 || !MIGRATION_NAME.test(name)) {
    console.error('Usage: npm run db:migration -- <name>\n' + '  <name>: lowercase letters, digits and underscores, e.g. add_unit_floor');
    return 2;
  }

  const server = process.env.DATABASE_URL || process.env.TEST_DATABASE_URL || DEFAULT_SERVER;
  const scratch = `linli_migration_${Date.now()}_${randomBytes(3).toString('hex')}`;
  const scratchUrl = new URL(server);
  scratchUrl.pathname = `/${scratch}`;

  try {
    await adminQuery(server, `CREATE DATABASE "${scratch}"`);
  } catch (e) {
    const host = new URL(server).host || 'the local socket';
    console.error(`db:migration: cannot create a scratch database on ${host}: ${(e as Error).message}`);
    return 1;
  }
  try {
    const { folder } = await createMigration(scratchUrl.toString(), name);
    console.log(folder ? `Wrote ${relative(process.cwd(), folder)}/migration.sql` : 'No schema changes');
    return 0;
  } catch (e) {
    console.error(`db:migration: ${(e as Error).message}`);
    return 1;
  } finally {
    await adminQuery(server, `DROP DATABASE IF EXISTS "${scratch}" WITH (FORCE)`).catch((e: unknown) =>
      console.error(`db:migration: could not drop the scratch database ${scratch}: ${(e as Error).message}`),
    );
  }
}

process.exitCode = await main();
