// The demo company's sign-ins, as README lists them: the seed creates these accounts
// (prisma/seed.ts, seed-services.ts, seed-street.ts) and the landing page shows them in the demo.
// Pure: no server import.

export const DEMO_SLUG = 'demo';
export const DEMO_PASSWORD = 'linli-demo-2026';

/** Who can sign in to the demo and where they land; `who` is a key of landing.json `demo.who`. */
export const DEMO_LOGINS = [
  { email: 'admin@demo.linli.test', who: 'admin', path: `/${DEMO_SLUG}` },
  { email: 'cashier@demo.linli.test', who: 'cashier', path: `/${DEMO_SLUG}` },
  { email: 'staff@demo.linli.test', who: 'staff', path: `/${DEMO_SLUG}` },
  { email: 'staff3@demo.linli.test', who: 'dispatcher', path: `/${DEMO_SLUG}` },
  { email: 'exec@demo.linli.test', who: 'executive', path: `/${DEMO_SLUG}` },
  { email: 'resident@demo.linli.test', who: 'resident', path: `/${DEMO_SLUG}` },
  { email: 'liaison@demo.linli.test', who: 'liaison', path: '/street/nanhu' },
] as const;
