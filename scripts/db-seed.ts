// `npm run db:seed`: seeds the demo company into PostgreSQL (as linli_app: APP_DATABASE_URL,
// else derived from DATABASE_URL and LINLI_APP_PASSWORD) or the embedded database.
import { deriveAppUrl } from '../server/db/migrate';

if (!process.env.APP_DATABASE_URL && process.env.DATABASE_URL) {
  process.env.APP_DATABASE_URL = deriveAppUrl(process.env.DATABASE_URL, process.env.LINLI_APP_PASSWORD || undefined);
}
const { getDatabase } = await import('../server/db');
const { seedDemo } = await import('../prisma/seed');

const db = await getDatabase();
try {
  console.log((await seedDemo(db.prisma)) ? 'Demo company seeded (slug "demo").' : 'The demo company already exists.');
} finally {
  await db.close();
}
