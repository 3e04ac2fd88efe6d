import 'server-only';
import { initTRPC, TRPCError } from '@trpc/server';
import superjson from 'superjson';
import { z, ZodError } from 'zod';
import type { PrismaClient } from '../db/generated/client';
import type { Role } from '../db/generated/enums';
import { withTenant, type TenantDb } from '../db/tenant';
import { tenantScope, type Scope } from '../db/scope';
import { AppError } from '../errors';
import { can, type Permission } from '../shared/permissions';
import { logger } from '../logger';
import { InternalError, RetryLater, internalError, mapDatabaseError, retryAfterOf } from './errors';
import { englishError, type KeyedError } from '../shared/error-key';
import { fieldErrorsOf, issueKey } from '../shared/zod-errors';
import { withHeavyLease } from './heavy-limit';
import { ZTenantSlugValue } from '../shared/validation';
import { isPlatformAdmin } from '../platform/admins';
import { withStreetOffice, type StreetDb } from '../db/street';
import type { StreetScope } from '../street/scope';

export interface Context {
  prisma: PrismaClient;
  user: { id: string; email: string | null; name: string } | null;
  ip: string;
  origin: string;
}

/**
 * `heavy`: a report limited per user (server/api/heavy-limit.ts). `permission`: set by
 * permittedProcedure (read by tests/integration/authorization-probe.test.ts).
 */
export interface Meta {
  heavy?: boolean;
  permission?: Permission;
}

const t = initTRPC
  .context<Context>()
  .meta<Meta>()
  .create({
    transformer: superjson,
    errorFormatter({ shape, error, path }) {
      const cause = error.cause;
      // A 500's own text (Prisma's, PostgreSQL's, a stack) never leaves the server: the client
      // gets a generic message and the request id the log line carries.
      const internal = error.code === 'INTERNAL_SERVER_ERROR' ? (cause instanceof InternalError ? cause : internalError(cause ?? error, { path })) : null;
      const { stack: _stack, ...data } = shape.data;
      // What the client shows: t(`errors.${key}`, params) — never this server's English text.
      const keyed: KeyedError = internal
        ? { key: 'genericWithId', params: { id: internal.requestId } }
        : cause instanceof AppError || cause instanceof RetryLater
          ? { key: cause.key, params: cause.params }
          : cause instanceof ZodError
            ? issueKey(cause.issues[0]?.message ?? '')
            : { key: 'invalidInput' };
      return {
        ...shape,
        message: internal ? internal.message : shape.message,
        data: {
          ...data,
          error: { key: keyed.key, params: keyed.params ?? {} },
          requestId: internal?.requestId ?? null,
          retryAfter: retryAfterOf(cause),
          // Field-level reasons for bad input, by path: { slug: { key: 'slugTaken', params: {...} } }.
          fieldErrors: cause instanceof ZodError ? fieldErrorsOf(cause.issues) : null,
          details: cause instanceof AppError ? (cause.details ?? null) : null,
        },
      };
    },
  });

/** Maps the services' AppError to tRPC once; anything else is logged and stays a 500. */
const mapErrors = t.middleware(async ({ next, path, type }) => {
  const started = performance.now();
  const result = await next();
  // Each procedure's time (LOG_LEVEL=debug): where a slow page spends it.
  logger.debug({ path, type, ms: Math.round(performance.now() - started), ok: result.ok }, 'procedure');
  if (!result.ok) {
    const cause = result.error.cause;
    if (cause instanceof AppError) {
      throw new TRPCError({ code: cause.code, message: cause.message, cause });
    }
    if (cause instanceof ZodError) {
      // Bad input (also a service re-validating its input: still the caller's, not a 500);
      // the message is the first issue's English rendering, the client gets keys.
      const first = issueKey(cause.issues[0]?.message ?? '');
      throw new TRPCError({ code: 'BAD_REQUEST', message: englishError(first.key, first.params), cause });
    }
    if (result.error.code === 'INTERNAL_SERVER_ERROR') {
      // What a service forgot to translate: unique violations, missing references, an exhausted pool.
      const mapped = mapDatabaseError(cause);
      if (mapped) {
        if (mapped.code === 'SERVICE_UNAVAILABLE') logger.warn({ path, err: (cause as Error)?.message }, 'database busy');
        const keyed = mapped.retryAfter !== undefined ? new RetryLater(mapped.retryAfter, mapped.key) : new AppError('BAD_REQUEST', mapped.key);
        throw new TRPCError({ code: mapped.code, message: mapped.message, cause: keyed });
      }
      throw new TRPCError({ code: 'INTERNAL_SERVER_ERROR', cause: internalError(cause ?? result.error, { path }) });
    }
  }
  return result;
});

export const createTRPCRouter = t.router;
export const createCallerFactory = t.createCallerFactory;

export const publicProcedure = t.procedure.use(mapErrors);

export const authedProcedure = publicProcedure.use(({ ctx, next }) => {
  if (!ctx.user) throw new AppError('UNAUTHORIZED', 'signInFirst');
  return next({ ctx: { user: ctx.user } });
});

export interface TenantCtx {
  id: string;
  slug: string;
  name: string;
  locale: string;
  timeZone: string;
  currency: string;
}

/**
 * Resolves the URL's tenant slug, opens the request's one transaction, sets the tenant for
 * row-level security in it, and loads the caller's membership there. Not a member (or the
 * company does not exist) → NOT_FOUND: the slug reveals nothing. The procedure's service
 * gets that transaction as ctx.db; its error rolls everything back.
 */
/** A procedure with meta `heavy` takes a lease of its user's heavy-report allowance first (429 when none is left). */
const limitHeavy = t.middleware(({ ctx, meta, next }) => (meta?.heavy && ctx.user ? withHeavyLease(ctx.prisma, ctx.user.id, () => next()) : next()));

export const tenantProcedure = authedProcedure
  .use(limitHeavy)
  .input(z.object({ tenant: ZTenantSlugValue }))
  .use(async ({ ctx, input, next }) => {
    const tenant = await ctx.prisma.tenant.findUnique({ where: { slug: input.tenant } });
    if (!tenant) throw new AppError('NOT_FOUND', 'companyNotFound');
    const tenantCtx: TenantCtx = {
      id: tenant.id,
      slug: tenant.slug,
      name: tenant.name,
      locale: tenant.locale,
      timeZone: tenant.timeZone,
      currency: tenant.currency,
    };
    const run = (db: TenantDb, membership: TenantMembership) =>
      // The slug has done its work: the procedure's own input reaches the service without it.
      next({ ctx: { db, tenant: tenantCtx, membership, scope: tenantScope(db, tenantCtx, ctx.user.id) }, input: {} });
    let outcome: Awaited<ReturnType<typeof run>> | undefined;
    try {
      await withTenant(ctx.prisma, tenant.id, async (db) => {
        const m = await db.membership.findUnique({
          where: { tenantId_userId: { tenantId: tenant.id, userId: ctx.user.id } },
        });
        if (!m || m.status !== 'ACTIVE') {
          throw new AppError('NOT_FOUND', 'companyNotFound');
        }
        outcome = await run(db, { id: m.id, role: m.role, dispatcher: m.role === 'STAFF' && m.dispatcher });
        // A failed procedure must not commit what it wrote before failing.
        if (!outcome.ok) throw outcome.error;
      });
    } catch (e) {
      if (outcome && !outcome.ok) return outcome;
      throw e;
    }
    return outcome!;
  });

export type TenantProcedureCtx = Context & {
  user: NonNullable<Context['user']>;
  db: TenantDb;
  tenant: TenantCtx;
  membership: TenantMembership;
  scope: Scope;
};

/** The caller's membership in the request's company (dispatcher: STAFF an admin made a dispatcher). */
export interface TenantMembership {
  id: string;
  role: Role;
  dispatcher: boolean;
}

/** tenantProcedure + the caller's role must grant `permission`, else FORBIDDEN. */
export const permittedProcedure = (permission: Permission) =>
  tenantProcedure.meta({ permission }).use(({ ctx, next }) => {
    if (!can(ctx.membership, permission)) {
      throw new AppError('FORBIDDEN', 'forbidden');
    }
    return next();
  });

/**
 * /platform: a signed-in user whose e-mail is in PLATFORM_ADMINS, else NOT_FOUND (the area does
 * not reveal that it exists). No tenant: services get `ctx.platform` (prisma and the operator's e-mail).
 */
export const platformProcedure = authedProcedure.use(({ ctx, next }) => {
  if (!isPlatformAdmin(ctx.user.email)) throw new AppError('NOT_FOUND', 'notFound.page');
  return next({ ctx: { platform: { prisma: ctx.prisma, actorEmail: ctx.user.email!.trim().toLowerCase() } } });
});

/**
 * /street/<office>: a signed-in user with an active StreetLiaison row for the office, else
 * NOT_FOUND (neither the office nor the area is revealed). Like tenantProcedure, it opens the
 * request's one transaction, here with app.street_office_id set and no tenant (server/db/street.ts),
 * so row-level security limits the liaison to the office's escalations; the service gets it as
 * ctx.street.db, and a failed procedure rolls back what it wrote.
 */
export const liaisonProcedure = authedProcedure.input(z.object({ office: ZTenantSlugValue })).use(async ({ ctx, input, next }) => {
  // Global tables (no RLS): the office and the caller's liaison row.
  const office = await ctx.prisma.streetOffice.findUnique({ where: { slug: input.office } });
  const liaison = office ? await ctx.prisma.streetLiaison.findUnique({ where: { officeId_userId: { officeId: office.id, userId: ctx.user.id } } }) : null;
  if (!office || !liaison || liaison.disabledAt) throw new AppError('NOT_FOUND', 'notFound.streetOffice');
  const run = (db: StreetDb) =>
    next({
      ctx: { street: { db, officeId: office.id, officeSlug: office.slug, officeName: office.name, actorId: ctx.user.id } satisfies StreetScope },
      input: {},
    });
  let outcome: Awaited<ReturnType<typeof run>> | undefined;
  try {
    await withStreetOffice(ctx.prisma, office.id, async (db) => {
      outcome = await run(db);
      if (!outcome.ok) throw outcome.error;
    });
  } catch (e) {
    if (outcome && !outcome.ok) return outcome;
    throw e;
  }
  return outcome!;
});
