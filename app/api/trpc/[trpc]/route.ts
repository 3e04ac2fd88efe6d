import { fetchRequestHandler } from '@trpc/server/adapters/fetch';
import { appRouter } from '@/server/api/root';
import { createContext } from '@/server/api/context';
import { readLimitedBody, TRPC_MAX_BATCH, TRPC_MAX_BODY_BYTES, trpcResponseMeta, trpcTooLarge } from '@/server/api/http-limits';

// Bodies over 1 MB are refused with 413 before tRPC parses them (counted while reading, so a
// missing or false Content-Length does not help); batches over 10 calls get 400 from tRPC
// (maxBatchSize). Responses carry no-store (authenticated data) and, for 429/503, Retry-After.
async function handler(req: Request) {
  let request = req;
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    const body = await readLimitedBody(req, TRPC_MAX_BODY_BYTES);
    if (body === null) return trpcTooLarge();
    request = new Request(req.url, { method: req.method, headers: req.headers, body: body.length ? body : null });
  }
  return fetchRequestHandler({
    endpoint: '/api/trpc',
    req: request,
    router: appRouter,
    maxBatchSize: TRPC_MAX_BATCH,
    createContext: () => createContext(req.headers),
    responseMeta: trpcResponseMeta,
  });
}

export { handler as GET, handler as POST };
