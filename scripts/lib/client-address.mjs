// The client's address as Linli's own HTTP server (scripts/server.mjs) sees it, written into the
// private header x-linli-client-ip (server/http/client-ip.ts reads it). Plain JS: it runs before
// and outside the Next build.
import { isIP } from 'node:net';

export const CLIENT_IP_HEADER = 'x-linli-client-ip';

/** TRUSTED_PROXY_HOPS: how many reverse proxies of our own stand in front (default 0). */
export function parseTrustedHops(value) {
  if (value === undefined || value === '') return 0;
  if (!/^\d{1,2}$/.test(value)) throw new Error(`TRUSTED_PROXY_HOPS must be a whole number 0–99, got "${value}"`);
  return Number(value);
}

const plain = (a) => (a && a.startsWith('::ffff:') && isIP(a.slice(7)) === 4 ? a.slice(7) : a);

/**
 * With no trusted proxy the socket's peer is the client, whatever X-Forwarded-For says. Behind
 * `hops` proxies each appends the address it received from, so the client is the hops-th entry
 * counted from the right; entries further left were written by the client and are ignored.
 * Fewer entries than hops (a request that skipped an outer proxy): the leftmost, which one of
 * ours wrote. An entry that is not an IP address falls back to the socket.
 */
export function clientAddress(socketAddress, forwardedFor, hops) {
  const socket = plain(socketAddress || '') || 'unknown';
  if (!hops) return socket;
  const raw = Array.isArray(forwardedFor) ? forwardedFor.join(',') : forwardedFor || '';
  const entries = raw
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  if (entries.length === 0) return socket;
  const pick = plain(entries[Math.max(0, entries.length - hops)]);
  return isIP(pick) ? pick : socket;
}

/** Overwrites the private header on an incoming Node request (any client-sent copy is dropped). */
export function stampClientAddress(req, hops) {
  const ip = clientAddress(req.socket?.remoteAddress, req.headers['x-forwarded-for'], hops);
  const raw = [];
  for (let i = 0; i + 1 < req.rawHeaders.length; i += 2) {
    if (req.rawHeaders[i].toLowerCase() !== CLIENT_IP_HEADER) raw.push(req.rawHeaders[i], req.rawHeaders[i + 1]);
  }
  raw.push(CLIENT_IP_HEADER, ip);
  req.rawHeaders.length = 0;
  req.rawHeaders.push(...raw);
  req.headers[CLIENT_IP_HEADER] = ip;
  return ip;
}
