import { TRPCError } from '@trpc/server';
import { getHTTPStatusCodeFromError } from '@trpc/server/http';
import { z } from 'zod';
import { createContext } from '@/server/api/context';
import { createCaller } from '@/server/api/root';
import { renderNoticesPdf } from '@/server/collection/notice-pdf';
import { internalError, internalErrorBody, retryAfterOf } from '@/server/api/errors';
import { AppError } from '@/server/errors';
import { appUrl } from '@/server/env';
import { englishError, type ErrorKey, type ErrorParams } from '@/server/shared/error-key';
import { issueKey } from '@/server/shared/zod-errors';

// GET /api/arrears/notices?tenant=<slug>&unitIds=<id>,<id>…  (or &communityId=…[&buildingId=…])
// 催缴通知单 (#17) as one PDF, a page per household in arrears. Authorized exactly like the tRPC
// procedure it calls (collection.getNotices: a member with reminders.send); another company's
// unit is NOT_FOUND. Errors answer JSON { error: { code, key, params, message } }.

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

const ZQuery = z.object({
  tenant: z.string().min(1).max(40),
  unitIds: z
    .string()
    .max(80_000)
    .transform((s) => s.split(',').filter(Boolean))
    .optional(),
  communityId: z.string().min(1).max(64).optional(),
  buildingId: z.string().min(1).max(64).optional(),
});

const fail = (status: number, code: string, key: ErrorKey, params?: ErrorParams) =>
  Response.json({ error: { code, key, params: params ?? {}, message: englishError(key, params) } }, { status, headers: { 'cache-control': 'no-store' } });

export async function GET(req: Request) {
  const q = ZQuery.safeParse(Object.fromEntries(new URL(req.url).searchParams));
  if (!q.success) {
    const first = issueKey(q.error.issues[0]?.message ?? '');
    return fail(400, 'BAD_REQUEST', first.key, first.params);
  }
  const { tenant, unitIds, ...scope } = q.data;
  try {
    const api = createCaller(await createContext(req.headers));
    const batch = await api.collection.getNotices({ tenant, ...scope, ...(unitIds?.length ? { unitIds } : {}) });
    const { pdf } = await renderNoticesPdf(batch, { siteUrl: appUrl() });
    return new Response(new Uint8Array(pdf), {
      headers: {
        'content-type': 'application/pdf',
        'content-disposition': `attachment; filename="notices-${tenant}-${batch.asOf}.pdf"`,
        'cache-control': 'private, no-store',
      },
    });
  } catch (e) {
    if (e instanceof TRPCError) {
      const cause = e.cause instanceof AppError ? e.cause : null;
      const res = fail(getHTTPStatusCodeFromError(e), e.code, cause?.key ?? 'invalidInput', cause?.params);
      const retry = retryAfterOf(e.cause);
      if (retry !== null) res.headers.set('retry-after', String(retry));
      return res;
    }
    const internal = internalError(e, { route: 'arrears-notices' });
    return Response.json(internalErrorBody(internal), { status: 500 });
  }
}
