import { NextResponse, type NextRequest } from 'next/server';
import { contentSecurityPolicy, makeNonce } from './server/security-headers';

// Pages get a Content-Security-Policy with a fresh nonce: set on the request, Next puts the
// nonce on its own scripts; set on the response, the browser enforces it. Pages therefore
// render per request. Also passes the path to server components (for the company's default
// language). Authorization never happens here: it lives in the tRPC procedure builders.
export function proxy(request: NextRequest) {
  const nonce = makeNonce();
  const csp = contentSecurityPolicy(nonce, {
    dev: process.env.NODE_ENV === 'development',
    https: request.nextUrl.protocol === 'https:',
  });
  const headers = new Headers(request.headers);
  headers.set('x-linli-path', request.nextUrl.pathname);
  headers.set('x-nonce', nonce);
  headers.set('content-security-policy', csp);
  const response = NextResponse.next({ request: { headers } });
  response.headers.set('content-security-policy', csp);
  return response;
}

export const config = { matcher: ['/((?!api|_next/static|_next/image|favicon.ico).*)'] };
