// The one client-IP helper every limit reads (sign-in throttle, tRPC context, report limiter).
// Linli's HTTP server around Next (scripts/server.mjs) sets x-linli-client-ip from the socket,
// or from the TRUSTED_PROXY_HOPS-th X-Forwarded-For entry counted from the right, and drops any
// copy a client sent. X-Forwarded-For itself is never read here: a client writes it freely and
// Next passes a client-written one through. Without that server (`next dev`) every request is
// 'unknown', i.e. one shared bucket.
export const CLIENT_IP_HEADER = 'x-linli-client-ip';

type HeaderBag = Headers | Record<string, unknown> | undefined | null;

export function clientIp(h: HeaderBag): string {
  if (!h) return 'unknown';
  const v = typeof (h as Headers).get === 'function' ? (h as Headers).get(CLIENT_IP_HEADER) : (h as Record<string, unknown>)[CLIENT_IP_HEADER];
  const s = typeof v === 'string' ? v : Array.isArray(v) && typeof v[0] === 'string' ? v[0] : '';
  return s.trim() || 'unknown';
}
