import type { PrismaClient } from '../db/generated/client';
import { Prisma } from '../db/generated/client';
import { AppError } from '../errors';
import { hashPassword } from '../auth/password';
import { recordAudit } from './audit';
import { ZCreateCompany, ZSignUp } from './schemas';
import type { z } from 'zod';

const slugTaken = (e: unknown) =>
  e instanceof Prisma.PrismaClientKnownRequestError && e.code === 'P2002';

/**
 * Creates a company and makes `userId` its first admin. The tenant row is global; the
 * membership and audit entry are written inside the new tenant's scope, so row-level
 * security checks them like any other write.
 */
export async function createCompany(prisma: PrismaClient, input: z.input<typeof ZCreateCompany> & { userId: string }) {
  const { companyName, slug } = ZCreateCompany.parse(input);
  try {
    return await prisma.$transaction(async (tx) => {
      const tenant = await tx.tenant.create({ data: { name: companyName, slug } });
      await tx.$queryRaw`select set_config('app.tenant_id', ${tenant.id}, true)`;
      await tx.membership.create({ data: { tenantId: tenant.id, userId: input.userId, role: 'ADMIN' } });
      await recordAudit(tx, {
        tenantId: tenant.id,
        actorId: input.userId,
        action: 'company.create',
        entity: 'Tenant',
        entityId: tenant.id,
        after: { name: tenant.name, slug: tenant.slug },
      });
      return { id: tenant.id, slug: tenant.slug, name: tenant.name };
    });
  } catch (e) {
    if (slugTaken(e)) throw new AppError('CONFLICT', `The URL name "${slug}" is already taken`, { field: 'slug' });
    throw e;
  }
}

/** Public sign-up: a new company with its first admin, who is a new user. */
export async function signUp(prisma: PrismaClient, input: z.input<typeof ZSignUp>) {
  const data = ZSignUp.parse(input);
  const existing = await prisma.user.findUnique({ where: { email: data.email } });
  if (existing) {
    throw new AppError(
      'CONFLICT',
      'This e-mail already has a Linli account: sign in, then add the company from “My companies”.',
      { field: 'email' },
    );
  }
  if (await prisma.tenant.findUnique({ where: { slug: data.slug } })) {
    throw new AppError('CONFLICT', `The URL name "${data.slug}" is already taken`, { field: 'slug' });
  }
  const passwordHash = await hashPassword(data.password);
  // User and company together: a failed company leaves no orphan account behind.
  try {
    return await prisma.$transaction(async (tx) => {
      const user = await tx.user.create({ data: { email: data.email, name: data.adminName, passwordHash } });
      const tenant = await tx.tenant.create({ data: { name: data.companyName, slug: data.slug } });
      await tx.$queryRaw`select set_config('app.tenant_id', ${tenant.id}, true)`;
      await tx.membership.create({ data: { tenantId: tenant.id, userId: user.id, role: 'ADMIN' } });
      await recordAudit(tx, {
        tenantId: tenant.id,
        actorId: user.id,
        action: 'company.create',
        entity: 'Tenant',
        entityId: tenant.id,
        after: { name: tenant.name, slug: tenant.slug, admin: user.email },
      });
      return { userId: user.id, tenant: { id: tenant.id, slug: tenant.slug, name: tenant.name } };
    });
  } catch (e) {
    if (slugTaken(e)) throw new AppError('CONFLICT', 'That URL name or e-mail was just taken; try another', { field: 'slug' });
    throw e;
  }
}

