// `npm run demo:generate -- --units N --months M --seed S [--effect β] [--communities C] [--base p]
//   [--gap g] [--parking share] [--tenant slug] [--database-url url]`
// A demo company of any size (server/demo/generate.ts): register, residents, bills, payments and
// work orders with a planted service-quality → payment relationship, generated set-based in
// PostgreSQL. Without --database-url it makes a throwaway database on TEST_DATABASE_URL's server
// (else the local one), KEEPS it and prints its URL (point the app at it: DATABASE_URL=…);
// with --database-url it fills that database (migrated, owner login). The company `--tenant`
// (default "demo") is filled if it exists, else created with an admin whose login is printed.
// --fast: a bulk load (GenerateOptions.fastLoad) — the default on the throwaway database, opt-in
// with --database-url (it locks the big tables until the commit); --no-fast: never.
// Progress on stderr (one line redrawn in a terminal, a line per step otherwise); the last line
// on stdout is JSON: counts and seconds.
import { parseArgs } from 'node:util';
import pg from 'pg';
import { createThrowawayDatabase, testServerUrl } from './lib/throwaway-db';
import { deriveAppUrl } from '../server/db/migrate';
import { connectPostgres } from '../server/db/client';
import { createAccountWithCompany } from '../server/tenancy/sign-up';
import { ZSignUp } from '../server/shared/schemas/tenancy';
import { generateDemo } from '../server/demo/generate';

process.env.LOG_LEVEL ??= 'warn';

const { values: a } = parseArgs({
  options: {
    units: { type: 'string', default: '2000' },
    months: { type: 'string', default: '12' },
    seed: { type: 'string', default: '1' },
    effect: { type: 'string' },
    communities: { type: 'string' },
    base: { type: 'string' },
    gap: { type: 'string' },
    parking: { type: 'string' },
    tenant: { type: 'string', default: 'demo' },
    'database-url': { type: 'string' },
    // bulk load (rebuild indexes and foreign keys at the end): the default on the throwaway database
    fast: { type: 'boolean' },
    'no-fast': { type: 'boolean' },
  },
  strict: true,
});
const num = (name: string, v: string | undefined) => {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isFinite(n)) {
    console.error(`--${name}: not a number: ${v}`);
    process.exit(2);
  }
  return n;
};

const ADMIN_PASSWORD = 'demo-pass-1';
const started = performance.now();
let ownerUrl: string;
let kept = false;
if (a['database-url']) {
  ownerUrl = a['database-url'];
} else {
  const t = await createThrowawayDatabase(testServerUrl(), 'linli_demo');
  await t.db.close();
  ownerUrl = t.url;
  kept = true;
}

const owner = new pg.Client({ connectionString: ownerUrl });
await owner.connect();
const app = connectPostgres(deriveAppUrl(ownerUrl, process.env.LINLI_APP_PASSWORD || undefined), { max: 2 });
try {
  const migrated = await owner.query(`select to_regclass('"WorkOrder"') is not null as ok`);
  if (!migrated.rows[0]!.ok) throw new Error('the database is not migrated (npm run db:migrate)');

  const slug = a.tenant!;
  let tenantId: string;
  let adminUserId: string;
  let adminLogin: string | null = null;
  const found = await owner.query<{ tenantId: string; userId: string }>(
    `select t.id as "tenantId", m."userId" from "Tenant" t join "Membership" m on m."tenantId" = t.id and m.role = 'ADMIN' and m.status = 'ACTIVE'
     where t.slug = $1 order by m."createdAt" limit 1`,
    [slug],
  );
  if (found.rows[0]) {
    ({ tenantId, userId: adminUserId } = found.rows[0]);
  } else {
    const email = `${slug}-admin@example.test`;
    const s = await createAccountWithCompany(
      app.prisma,
      ZSignUp.parse({ companyName: '邻里示范物业', slug, adminName: '管理员', email, password: ADMIN_PASSWORD }),
    );
    tenantId = s.tenant.id;
    adminUserId = s.userId;
    adminLogin = `${email} / ${ADMIN_PASSWORD}`;
  }

  // Progress: one line redrawn with \r in a terminal (a dozen set-based steps do not need a
  // progress library), a line per step when stderr is a file or a pipe.
  // Each step's time is printed when it ends (and all of them in the JSON).
  const tty = process.stderr.isTTY;
  let lastStep = '';
  const onProgress = (done: number, total: number, step: string, previous: { step: string; seconds: number } | null) => {
    const share = done / total;
    const width = 30;
    const bar = '█'.repeat(Math.round(share * width)).padEnd(width, '░');
    const line = `${bar} ${String(Math.round(share * 100)).padStart(3)}%  ${step.padEnd(14)} ${((performance.now() - started) / 1000).toFixed(1)} s`;
    const took = previous ? `  ${previous.step} took ${previous.seconds.toFixed(1)} s` : '';
    if (tty) process.stderr.write(`\r\x1b[K${line}${took}`);
    else if (step !== lastStep) process.stderr.write(`${line}${took}\n`);
    lastStep = step;
  };
  const r = await generateDemo(owner, {
    tenantId,
    adminUserId,
    units: num('units', a.units)!,
    months: num('months', a.months)!,
    seed: num('seed', a.seed)!,
    effect: num('effect', a.effect),
    communities: num('communities', a.communities),
    base: num('base', a.base),
    gap: num('gap', a.gap),
    parking: num('parking', a.parking),
    fastLoad: !a['no-fast'] && (a.fast ?? kept),
    onProgress,
  });
  if (tty) process.stderr.write('\n');
  if (kept)
    console.error(`Database kept: ${ownerUrl}\n  DATABASE_URL=${ownerUrl} npm run dev   (drop it when done: dropdb ${new URL(ownerUrl).pathname.slice(1)})`);
  console.error(`Company "${slug}"${adminLogin ? `, admin ${adminLogin}` : ''}: ${r.firstPeriod} … ${r.lastPeriod}`);
  console.log(
    JSON.stringify({
      database: kept ? ownerUrl : undefined,
      tenant: slug,
      firstPeriod: r.firstPeriod,
      lastPeriod: r.lastPeriod,
      ...r.counts,
      billedFen: r.billedFen,
      paidFen: r.paidFen,
      generate_s: Number(r.seconds.toFixed(2)),
      steps: r.steps,
      total_s: Number(((performance.now() - started) / 1000).toFixed(2)),
    }),
  );
} finally {
  await owner.end();
  await app.close();
}
