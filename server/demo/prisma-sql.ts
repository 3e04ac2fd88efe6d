// generateDemo (./generate.ts) over a Prisma transaction: the demo seed runs it inside the app's
// own tenant transaction (withTenant: the app role, row-level security, PGlite or PostgreSQL).
// A statement that returns rows (SELECT / WITH, or RETURNING) goes through $queryRawUnsafe, any
// other through $executeRawUnsafe, which answers the number of rows it touched.
import type { TenantDb } from '../db/tenant';
import type { SqlClient } from './generate';

const returnsRows = (sql: string) => /^\s*(select|with|values)\b/i.test(sql) || /\breturning\b/i.test(sql);

export function prismaSqlClient(db: TenantDb): SqlClient {
  return {
    async query<R>(sql: string, params: unknown[] = []) {
      if (returnsRows(sql)) {
        const rows = await db.$queryRawUnsafe<R[]>(sql, ...params);
        return { rows, rowCount: rows.length };
      }
      const rowCount = await db.$executeRawUnsafe(sql, ...params);
      return { rows: [] as R[], rowCount };
    },
  } as SqlClient;
}
