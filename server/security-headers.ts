// Security headers (#12 accounts point 9). Pure, so next.config.ts (every response), proxy.ts
// (pages: the CSP with a fresh nonce) and the tests share one definition.

/** Headers every response carries, pages, API routes and static files alike. */
export const SECURITY_HEADERS: { key: string; value: string }[] = [
  { key: 'X-Content-Type-Options', value: 'nosniff' },
  { key: 'Referrer-Policy', value: 'strict-origin-when-cross-origin' },
  {
    key: 'Permissions-Policy',
    value: 'camera=(), microphone=(), geolocation=(), payment=(), usb=(), serial=(), bluetooth=(), hid=(), interest-cohort=()',
  },
  // For browsers that predate CSP's frame-ancestors (pages also send frame-ancestors 'none').
  { key: 'X-Frame-Options', value: 'DENY' },
];

/** A fresh, unguessable nonce for one response (128 random bits, base64). */
export function makeNonce(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  let s = '';
  for (const b of bytes) s += String.fromCharCode(b);
  return btoa(s);
}

/**
 * The pages' Content-Security-Policy: scripts only with this response's nonce (and what they
 * load, 'strict-dynamic'), no plugins, no framing, no <base> or form posts elsewhere. Styles
 * allow inline attributes (React's style={…}); a nonce cannot cover those.
 */
export function contentSecurityPolicy(nonce: string, opts: { dev?: boolean; https?: boolean } = {}): string {
  return [
    `default-src 'self'`,
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${opts.dev ? ` 'unsafe-eval'` : ''}`,
    `style-src 'self' 'unsafe-inline'`,
    `img-src 'self' blob: data:`,
    `font-src 'self' data:`,
    `connect-src 'self'`,
    `object-src 'none'`,
    `base-uri 'self'`,
    `form-action 'self'`,
    `frame-ancestors 'none'`,
    ...(opts.https ? ['upgrade-insecure-requests'] : []),
  ].join('; ');
}
