// `npm run db:migrate`: applies pending migrations to DATABASE_URL, or to the embedded
// database (which takes the data-folder lock, so it refuses while the app is running).
import { applyMigrations } from '../server/db/schema-engine';
import { getDatabase } from '../server/db';

try {
  if (process.env.DATABASE_URL) {
    const { applied } = await applyMigrations({ kind: 'postgres', url: process.env.DATABASE_URL });
    console.log(applied.length ? `Applied: ${applied.join(', ')}` : 'No pending migrations.');
  } else {
    const db = await getDatabase(); // opening the embedded database applies pending migrations
    await db.close();
    console.log('Embedded database is up to date.');
  }
} catch (e) {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
}
