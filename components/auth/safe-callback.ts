/**
 * A callbackUrl we may redirect to: a path on this site only. Absolute URLs count when their
 * host is this site's own (next-auth writes them that way); anything else is dropped, so a
 * crafted link cannot send a user elsewhere after signing in.
 */
export function safeCallbackPath(raw: unknown, ownHost?: string | null): string | null {
  if (typeof raw !== 'string' || raw.length === 0 || raw.length > 2000) return null;
  let path = raw;
  if (!raw.startsWith('/')) {
    try {
      const u = new URL(raw);
      if (!ownHost || u.host !== ownHost || !/^https?:$/.test(u.protocol)) return null;
      path = `${u.pathname}${u.search}${u.hash}`;
    } catch {
      return null;
    }
  }
  // "//evil.example" and "/\evil.example" are protocol-relative in browsers.
  if (!path.startsWith('/') || path.startsWith('//') || path.startsWith('/\\')) return null;
  if (/[\u0000-\u001f\u007f]/.test(path)) return null;
  if (path.startsWith('/sign-in') || path.startsWith('/api/')) return null;
  return path;
}
