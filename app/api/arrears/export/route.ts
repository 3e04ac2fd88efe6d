import { TRPCError } from '@trpc/server';
import { getHTTPStatusCodeFromError } from '@trpc/server/http';
import { z } from 'zod';
import { createContext } from '@/server/api/context';
import { createCaller } from '@/server/api/root';
import { arrearsCsv, arrearsCsvFileName, type CsvLocale } from '@/server/collection/arrears-csv';
import { localDate } from '@/server/shared/calendar';
import { internalError, retryAfterOf } from '@/server/api/errors';
import { englishError } from '@/server/shared/error-key';
import { issueKey } from '@/server/shared/zod-errors';
import { DEFAULT_LOCALE, LOCALE_COOKIE, isLocale } from '@/server/shared/locale';

// GET /api/arrears/export?tenant=<slug>&level=unit[&communityId=…&buildingId=…&asOf=YYYY-MM-DD]
// The arrears list as CSV. Authorized exactly like the tRPC procedure it calls
// (collection.listArrearsExport: a member of the company with arrears.read); headers in the
// reader's language (cookie linli_locale, default zh-CN).

export const dynamic = 'force-dynamic';

const ZQuery = z.object({
  tenant: z.string().min(1).max(40),
  level: z.enum(['community', 'building', 'unit']).default('unit'),
  communityId: z.string().min(1).max(64).optional(),
  buildingId: z.string().min(1).max(64).optional(),
  asOf: z.string().optional(),
});

function cookieLocale(req: Request): CsvLocale {
  const raw = req.headers.get('cookie') ?? '';
  for (const part of raw.split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === LOCALE_COOKIE) {
      const value = decodeURIComponent(v.join('='));
      if (isLocale(value)) return value;
    }
  }
  return DEFAULT_LOCALE;
}

const text = (status: number, message: string) =>
  new Response(message, { status, headers: { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' } });

export async function GET(req: Request) {
  const params = Object.fromEntries(new URL(req.url).searchParams);
  const q = ZQuery.safeParse(params);
  if (!q.success) {
    const first = issueKey(q.error.issues[0]?.message ?? '');
    return text(400, englishError(first.key, first.params));
  }
  const { tenant, ...filters } = q.data;
  const caller = createCaller(await createContext(req.headers));
  try {
    const result = await caller.collection.listArrearsExport({ tenant, ...filters });
    const csv = arrearsCsv(result.level, result.rows, cookieLocale(req), (d) => localDate(result.timeZone, d));
    return new Response(csv, {
      headers: {
        'content-type': 'text/csv; charset=utf-8',
        'content-disposition': `attachment; filename="${arrearsCsvFileName(tenant, result.level, result.asOf)}"`,
        'cache-control': 'no-store',
      },
    });
  } catch (e) {
    if (e instanceof TRPCError) {
      // 429 (the per-user limit of heavy reports) and 503 (database busy) say when to retry.
      const res = text(getHTTPStatusCodeFromError(e), e.message);
      const retry = retryAfterOf(e.cause);
      if (retry !== null) res.headers.set('retry-after', String(retry));
      return res;
    }
    // Ours: logged under a request id; the client gets only the id.
    return text(500, internalError(e, { route: 'arrears-export' }).message);
  }
}
