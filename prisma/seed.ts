import { normalizePhone } from '../server/shared/phone';
import type { PrismaClient } from '../server/db/generated/client';
import { withTenant } from '../server/db/tenant';
import { tenantScope } from '../server/db/scope';
import { ZCommunityInput } from '../server/shared/schemas/property';
import { setPassword } from '../server/db/system';
import { hashPassword } from '../server/auth/password';
import { createCommunity } from '../server/property/communities';
import { importUnits } from '../server/property/import-units';
import { recordAudit } from '../server/tenancy/audit';
import { seedDemoFees } from './seed-fees';
import { seedDemoStreet } from './seed-street';
import { seedDemoServices } from './seed-services';
import { generateDemo } from '../server/demo/generate';
import { prismaSqlClient } from '../server/demo/prisma-sql';
import { DEMO_PASSWORD, DEMO_SLUG } from '../server/shared/demo-logins';

// The demo company: two communities, ten buildings, 300 units with residents, and one
// sign-in per role. Units go in through the CSV import service, like a real onboarding.
// Beside them, a year of generated history (server/demo/generate.ts, #16): DEMO_GENERATED's
// communities with their units, residents, bills, payments (counter and online) and work
// orders handled by the demo's own staff, with the planted relationship between service
// quality and payment, so the reports have something to say. The hand-made communities keep
// their own fees (seed-fees.ts) and services (seed-services.ts).

/** The generated part of the demo: 12 communities × 100 units × the 12 months before this one. */
export const DEMO_GENERATED = { communities: 12, units: 1200, months: 12, seed: 2026, effect: 5 } as const;

export { DEMO_PASSWORD, DEMO_SLUG };
export const DEMO_USERS = [
  { email: 'admin@demo.linli.test', name: '王管理', role: 'ADMIN' },
  { email: 'cashier@demo.linli.test', name: '李收费', role: 'CASHIER' },
  { email: 'staff@demo.linli.test', name: '张师傅', role: 'STAFF' },
  { email: 'exec@demo.linli.test', name: '陈总', role: 'EXECUTIVE' },
  { email: 'resident@demo.linli.test', name: '刘业主', role: 'RESIDENT' },
] as const;

const SURNAMES =
  '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤';
const GIVEN = [
  '伟',
  '芳',
  '娜',
  '敏',
  '静',
  '丽',
  '强',
  '磊',
  '军',
  '洋',
  '勇',
  '艳',
  '杰',
  '娟',
  '涛',
  '明',
  '超',
  '秀英',
  '霞',
  '平',
  '刚',
  '桂英',
  '建华',
  '文',
  '华',
  '建国',
  '红梅',
  '志强',
  '婷',
  '欣怡',
];

/** Deterministic generator, so every demo looks the same. */
function rng(seed: number) {
  let s = seed >>> 0;
  return () => (s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32;
}

export function demoUnitsCsv(): string {
  const rand = rng(20261125);
  const lines = ['小区,楼栋,单元,房号,楼层,建筑面积,状态,姓名,电话,身份'];
  const plan = [
    { community: '翠竹园', buildings: 6, entrances: 2, floors: 6, perFloor: 2 }, // 6×2×6×2 = 144
    { community: '银杏里', buildings: 4, entrances: 2, floors: 10, perFloor: 2 }, // 4×2×10×2 = 160 → trimmed
  ];
  let total = 0;
  for (const p of plan) {
    for (let b = 1; b <= p.buildings; b++) {
      for (let e = 1; e <= p.entrances; e++) {
        for (let f = 1; f <= p.floors; f++) {
          for (let n = 1; n <= p.perFloor; n++) {
            if (total >= 300) break;
            total++;
            const area = (60 + Math.floor(rand() * 8000) / 100).toFixed(2);
            const r = rand();
            const status = r < 0.08 ? '空置' : r < 0.11 ? '装修中' : '已入住';
            const number = `${f}${String(n).padStart(2, '0')}`;
            const base = [p.community, `${b}号楼`, `${e}单元`, number, f, area, status];
            if (status === '空置') {
              lines.push([...base, '', '', ''].join(','));
              continue;
            }
            const name = SURNAMES[Math.floor(rand() * SURNAMES.length)]! + GIVEN[Math.floor(rand() * GIVEN.length)]!;
            // Unique, deterministic mobile numbers (owners 139…, tenants 158…, by row): every
            // demo resident can sign in by phone. rand() is still drawn so the rest stays as it was.
            rand();
            const phone = `139${String(total).padStart(8, '0')}`;
            lines.push([...base, name, phone, '业主'].join(','));
            if (rand() < 0.15) {
              const tenant = SURNAMES[Math.floor(rand() * SURNAMES.length)]! + GIVEN[Math.floor(rand() * GIVEN.length)]!;
              rand();
              lines.push([...base, tenant, `158${String(total).padStart(8, '0')}`, '租户'].join(','));
            }
          }
        }
      }
    }
  }
  return lines.join('\n');
}

/**
 * Seeds the demo company unless it exists. Returns false when it was already there. `now`: the
 * instant the hand-made fees' history ends at (a test seeds at an early hour: no payment may be
 * stamped after it); the generated history ends before today.
 */
export async function seedDemo(prisma: PrismaClient, { now = new Date() }: { now?: Date } = {}): Promise<boolean> {
  if (await prisma.tenant.findUnique({ where: { slug: DEMO_SLUG } })) return false;
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  // Address and phone as receipts and 催缴通知单 print them (#17).
  const tenant = await prisma.tenant.create({
    data: { slug: DEMO_SLUG, name: '睦宁里物业（演示）', address: '南京市鼓楼区睦宁路 18 号 物业服务中心', phone: '025-8366 1200' },
  });
  const users: { id: string; email: string | null; name: string }[] = [];
  for (const u of DEMO_USERS) {
    users.push(
      await prisma.user.upsert({
        where: { email: u.email },
        update: {},
        create: { email: u.email, name: u.name },
      }),
    );
    await setPassword(prisma, users.at(-1)!.id, passwordHash);
  }
  const admin = users[0]!;
  await withTenant(prisma, tenant.id, async (db) => {
    for (const [i, u] of DEMO_USERS.entries()) {
      await db.membership.create({ data: { tenantId: tenant.id, userId: users[i]!.id, role: u.role } });
    }
    await recordAudit(db, { tenantId: tenant.id, actorId: admin.id, action: 'company.create', entity: 'Tenant', entityId: tenant.id, after: { demo: true } });
    const scope = tenantScope(db, tenant, admin.id);
    await createCommunity(scope, ZCommunityInput.parse({ name: '翠竹园', address: '南京市鼓楼区翠竹路 18 号', district: '宁海路街道' }));
    await createCommunity(scope, ZCommunityInput.parse({ name: '银杏里', address: '南京市玄武区银杏里 6 号', district: '玄武门街道' }));
    const result = await importUnits(scope, { csv: demoUnitsCsv(), fileName: 'demo.csv' });
    if (!result.ok) throw new Error(`demo import failed: ${JSON.stringify(result.problems.slice(0, 3))}`);
    // The demo resident's sign-in is linked to the owner of 翠竹园 1号楼 1单元 101.
    const unit = await db.unit.findFirstOrThrow({
      where: { tenantId: tenant.id, community: { name: '翠竹园' }, building: { name: '1号楼' }, entrance: '1单元', number: '101' },
    });
    const resident = users[4]!;
    const owner = await db.resident.findFirst({ where: { tenantId: tenant.id, unitId: unit.id, kind: 'OWNER' } });
    if (owner) {
      await db.resident.update({
        where: { tenantId_id: { tenantId: tenant.id, id: owner.id } },
        data: { userId: resident.id, name: resident.name, email: resident.email ?? '' },
      });
      // The demo resident signs in by the owner's phone too.
      const phone = normalizePhone(owner.phone);
      if (phone) await db.user.update({ where: { id: resident.id }, data: { phone } });
    } else {
      await db.resident.create({
        data: { tenantId: tenant.id, unitId: unit.id, name: resident.name, email: resident.email ?? '', kind: 'OWNER', userId: resident.id },
      });
    }
  });
  await seedDemoServices(prisma, tenant.id, DEMO_PASSWORD);
  const handMade = await withTenant(prisma, tenant.id, (db) => db.community.findMany({ where: { tenantId: tenant.id }, select: { id: true } }));
  // before the fees: the hand-made fees close the last two months (日结, 关账), and history
  // is not generated into a closed period
  // is not generated into a closed period. One transaction as the app role (withTenant's
  // setting), given longer than a request's: a slow machine's embedded database needs it.
  await prisma.$transaction(
    async (db) => {
      await db.$queryRaw`select set_config('app.tenant_id', ${tenant.id}, true)`;
      await generateDemo(prismaSqlClient(db), {
        tenantId: tenant.id,
        adminUserId: admin.id,
        ...DEMO_GENERATED,
        inTransaction: true,
        existingStaff: true,
        returnVisits: true,
      });
    },
    { maxWait: 15_000, timeout: 600_000 },
  );
  await seedDemoFees(
    prisma,
    tenant.id,
    admin.id,
    users[1]!.id,
    now,
    handMade.map((c) => c.id),
  );
  await seedDemoStreet(prisma, DEMO_PASSWORD);
  return true;
}
