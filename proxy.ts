import { NextResponse, type NextRequest } from 'next/server';

// Passes the path to server components (for the company's default language).
// Authorization never happens here: it lives in the tRPC procedure builders.
export function proxy(request: NextRequest) {
  const headers = new Headers(request.headers);
  headers.set('x-linli-path', request.nextUrl.pathname);
  return NextResponse.next({ request: { headers } });
}

export const config = { matcher: ['/((?!api|_next/static|_next/image|favicon.ico).*)'] };
