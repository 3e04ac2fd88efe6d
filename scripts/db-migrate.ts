// `npm run db:migrate`: applies pending migrations to DATABASE_URL (the owner) and, when
// LINLI_APP_PASSWORD is set, gives the login role linli_app that password; or migrates the
// embedded database (which takes the data-folder lock, so it refuses while the app is running).
// `npm start` runs this as its own process before the server starts.
import { migratePostgres } from '../server/db/migrate';
import { getDatabase } from '../server/db';

try {
  if (process.env.DATABASE_URL) {
    const { applied } = await migratePostgres(process.env.DATABASE_URL, { appPassword: process.env.LINLI_APP_PASSWORD || undefined });
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
