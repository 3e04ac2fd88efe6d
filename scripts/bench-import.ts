// `npm run bench:import`: imports a generated 10,000-row units-and-residents CSV through the
// import service into a throwaway PostgreSQL database (TEST_DATABASE_URL's server, else the
// local one; never DATABASE_URL). Prints readable lines, then one JSON line of figures.
import { ZSignUp } from '../server/shared/schemas/tenancy';
import { withScope } from '../server/db/scope';
import { ZCommunityInput } from '../server/shared/schemas/property';
import { createThrowawayDatabase, testServerUrl } from './lib/throwaway-db';
import { createAccountWithCompany } from '../server/tenancy/sign-up';
import { createCommunity } from '../server/property/communities';
import { importUnits } from '../server/property/import-units';

const ROWS = Number(process.env.BENCH_ROWS ?? 10_000);
process.env.LOG_LEVEL ??= 'warn';

function csv(rows: number) {
  const lines = ['小区,楼栋,单元,房号,楼层,建筑面积,状态,姓名,电话,身份'];
  for (let i = 0; i < rows; i++) {
    const building = 1 + Math.floor(i / 480);
    const entrance = 1 + (Math.floor(i / 96) % 5);
    const floor = 1 + (Math.floor(i / 4) % 24);
    const unit = `${floor}${String(1 + (i % 4)).padStart(2, '0')}`;
    lines.push(
      `翠竹园,${building}号楼,${entrance}单元,${unit},${floor},${(55 + ((i * 37) % 9000) / 100).toFixed(2)},已入住,住户${i},139${String(i).padStart(8, '0')},业主`,
    );
  }
  return lines.join('\n');
}

const t = await createThrowawayDatabase(testServerUrl(), 'linli_bench');
try {
  console.log(`PostgreSQL: throwaway database on ${new URL(t.url).host}`);
  const s = await createAccountWithCompany(
    t.db.prisma,
    ZSignUp.parse({ companyName: 'Bench Co', slug: 'bench', adminName: 'Bench', email: 'bench@example.test', password: 'bench-pass-1' }),
  );
  await withScope(t.db.prisma, s.tenant.id, s.userId, (scope) => createCommunity(scope, ZCommunityInput.parse({ name: '翠竹园' })));
  const file = csv(ROWS);
  console.log(`CSV: ${ROWS} rows, ${(Buffer.byteLength(file) / 1024).toFixed(0)} KiB`);
  const started = performance.now();
  const result = await withScope(t.db.prisma, s.tenant.id, s.userId, (scope) => importUnits(scope, { csv: file }));
  const seconds = (performance.now() - started) / 1000;
  if (!result.ok) throw new Error(`import refused: ${JSON.stringify(result.problems.slice(0, 3))}`);
  console.log(`Imported ${result.unitsCreated} units and ${result.residentsCreated} residents in ${seconds.toFixed(2)} s (target: under 10 s)`);
  console.log(JSON.stringify({ rows: ROWS, seconds: Number(seconds.toFixed(3)) }));
} finally {
  await t.drop();
}
