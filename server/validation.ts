import { z } from 'zod';

// Shared field validators for inputs across domains.
export const RESERVED_SLUGS = new Set([
  'api', 'sign-in', 'sign-up', 'sign-out', 'invite', 'companies', 'admin', 'static', '_next', 'settings', 'www', 'app',
]);

export const ZTenantSlugValue = z
  .string()
  .trim()
  .toLowerCase()
  .min(3, 'URL name must be at least 3 characters')
  .max(40, 'URL name must be at most 40 characters')
  .regex(/^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/, 'URL name may use lower-case letters, digits and dashes, not at either end')
  .refine((s) => !RESERVED_SLUGS.has(s), 'This URL name is reserved');

export const ZId = z.string().min(1, 'Missing id').max(64);

export const ZPage = {
  page: z.number().int().min(1).default(1),
  pageSize: z.number().int().min(1).max(200).default(25),
};

/** The fields of a partial update that were given (Prisma refuses explicit undefined). */
export function definedOnly<T extends Record<string, unknown>>(o: T): { [K in keyof T]?: Exclude<T[K], undefined> } {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as { [K in keyof T]?: Exclude<T[K], undefined> };
}
