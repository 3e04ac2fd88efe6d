import { Prisma } from '../db/generated/client';
import { AppError } from '../errors';

/** Turns a unique-key violation into a clear CONFLICT; rethrows anything else. */
export async function uniqueOr<T>(p: Promise<T>, message: string, field?: string): Promise<T> {
  try {
    return await p;
  } catch (e) {
    if (e instanceof Prisma.PrismaClientKnownRequestError && e.code === 'P2002') {
      throw new AppError('CONFLICT', message, field ? { field } : undefined);
    }
    throw e;
  }
}

export const archivedFilter = (includeArchived: boolean) => (includeArchived ? {} : { archivedAt: null });
