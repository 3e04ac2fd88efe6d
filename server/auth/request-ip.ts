// The one place the throttle learns a request's client IP. The private header
// x-linli-client-ip is set from the socket by the Node server around Next (W7's clientIp()
// helper, issue #12 point 6), which overwrites anything a client sent. Until every entry
// point runs behind it, the first X-Forwarded-For entry is the fallback.
// TODO(W7): point this at clientIp() once it lands, and drop the fallback.
export const CLIENT_IP_HEADER = 'x-linli-client-ip';

type HeaderBag = Headers | Record<string, unknown> | undefined | null;

function header(h: HeaderBag, name: string): string | undefined {
  if (!h) return undefined;
  if (typeof (h as Headers).get === 'function') return (h as Headers).get(name) ?? undefined;
  const v = (h as Record<string, unknown>)[name];
  return typeof v === 'string' ? v : Array.isArray(v) && typeof v[0] === 'string' ? v[0] : undefined;
}

export function requestIp(h: HeaderBag): string {
  const own = header(h, CLIENT_IP_HEADER)?.trim();
  if (own) return own;
  return header(h, 'x-forwarded-for')?.split(',')[0]?.trim() || 'unknown';
}
