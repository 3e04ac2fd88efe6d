import 'server-only';
import { Prisma } from '../db/generated/client';
import { AppError, type ErrorKey, type ErrorParams } from '../errors';

/** Turns a unique-key violation into a clear CONFLICT; rethrows anything else. */
export async function uniqueOr<T>(p: Promise<T>, key: ErrorKey, params?: ErrorParams, field?: string): Promise<T> {
  try {
    return await p;
  } catch (e) {
    if (e instanceof Prisma.PrismaClientKnownRequestError && e.code === 'P2002') {
      throw new AppError('CONFLICT', key, params, field ? { field } : undefined);
    }
    throw e;
  }
}

export const archivedFilter = (includeArchived: boolean) => (includeArchived ? {} : { archivedAt: null });
