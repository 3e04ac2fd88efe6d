// `npm run db:seed`: seeds the demo company into DATABASE_URL (or the embedded database).
import { getDatabase } from '../server/db';
import { seedDemo } from '../prisma/seed';

const db = await getDatabase();
try {
  console.log((await seedDemo(db.prisma)) ? 'Demo company seeded (slug "demo").' : 'The demo company already exists.');
} finally {
  await db.close();
}
