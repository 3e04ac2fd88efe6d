import { randomBytes } from 'node:crypto';
import { ZSignUp } from '@/server/shared/schemas/tenancy';
import type { Database } from '@/server/db/client';
import { createCaller } from '@/server/api/root';
import { createAccountWithCompany } from '@/server/tenancy/sign-up';
import { withTenant } from '@/server/db/tenant';
import type { Role } from '@/server/db/generated/enums';

export const uniq = (p = 't') => `${p}-${randomBytes(4).toString('hex')}`;

export interface TestUser {
  id: string;
  email: string;
  name: string;
}

/** A tRPC caller acting as `user` (null = signed out), exactly as the HTTP route builds it. */
export function callerFor(db: Database, user: (Omit<TestUser, 'email'> & { email: string | null }) | null) {
  return createCaller({ prisma: db.prisma, user, ip: '127.0.0.1', origin: 'http://localhost:3000' });
}

/** A new company through the real sign-up service; returns it with its admin. */
export async function makeTenant(db: Database, name = 'Test Co') {
  const slug = uniq('co');
  const email = `${slug}@example.test`;
  const r = await createAccountWithCompany(db.prisma, ZSignUp.parse({ companyName: name, slug, adminName: 'Admin', email, password: 'correct-horse-1' }));
  const admin: TestUser = { id: r.userId, email, name: 'Admin' };
  return { tenant: r.tenant, slug, admin, as: callerFor(db, admin) };
}

/** Adds a member with `role` to a company (a user of its own). */
export async function addMember(db: Database, tenantId: string, role: Role): Promise<TestUser> {
  const email = `${uniq(role.toLowerCase())}@example.test`;
  const user = await db.prisma.user.create({ data: { email, name: role } });
  await withTenant(db.prisma, tenantId, (tx) => tx.membership.create({ data: { tenantId, userId: user.id, role } }));
  return { id: user.id, email, name: role };
}

/** A community with one building and one unit, made through the API as the admin. */
export async function makeRegister(db: Database, t: Awaited<ReturnType<typeof makeTenant>>) {
  const community = await t.as.property.createCommunity({ tenant: t.slug, name: uniq('小区') });
  const building = await t.as.property.createBuilding({ tenant: t.slug, communityId: community.id, name: '1号楼' });
  const unit = await t.as.property.createUnit({ tenant: t.slug, buildingId: building.id, number: '101', floor: 1, area: '88.50' });
  const resident = await t.as.property.createResident({ tenant: t.slug, unitId: unit.id, name: '张三', phone: '13800000000' });
  return { community, building, unit, resident };
}

/** A per-area 物业费 fee item of the register's community, written directly (no service rules). */
export async function makeFeeItem(db: Database, tenantId: string, communityId: string) {
  return withTenant(db.prisma, tenantId, (tx) => tx.feeItem.create({ data: { tenantId, name: '物业费', calc: 'PER_AREA', communityIds: [communityId] } }));
}

/**
 * A REGULAR bill of `unitId` (its own payer), written directly as a billing run would write it:
 * the fixture for tests of what happens to bills, not of how they are made.
 */
export async function makeUnitBill(
  db: Database,
  b: { tenantId: string; unitId: string; feeItemId: string; createdById: string; period: string; amountFen: number; dueDate: Date },
) {
  return withTenant(db.prisma, b.tenantId, (tx) =>
    tx.bill.create({
      data: {
        tenantId: b.tenantId,
        kind: 'REGULAR',
        objectKind: 'UNIT',
        objectId: b.unitId,
        unitId: b.unitId,
        payerKind: 'UNIT',
        payerId: b.unitId,
        feeItemId: b.feeItemId,
        period: b.period,
        amountFen: b.amountFen,
        dueDate: b.dueDate,
        createdById: b.createdById,
      },
    }),
  );
}
