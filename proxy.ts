/**
 * Next 16's proxy (formerly middleware), on every page and API route:
 * - security headers (lib/server/security-headers.ts): a CSP with a fresh nonce per request,
 *   which Next.js reads from the request's CSP header and puts on its own script tags; the
 *   framing rules of frame-headers.ts unchanged (/embed/* → EMBED_ALLOWED_ORIGINS, else none);
 * - the status of a page whose link does not describe a view: 400 for a bad parameter, 404 for
 *   an unknown city or level (the page itself renders the sentence).
 * Static files get their headers from next.config.js.
 */
import { NextResponse, type NextRequest } from 'next/server';
import { loadCities } from '@/lib/cities';
import { getEnv } from '@/lib/env';
import { pageViewError } from '@/lib/server/page-status';
import { originOf, securityHeaders } from '@/lib/server/security-headers';

export function proxy(request: NextRequest) {
  const env = getEnv();
  const nonce = Buffer.from(crypto.randomUUID()).toString('base64');
  const basemap = originOf(env.NEXT_PUBLIC_BASEMAP_STYLE_URL);
  const headers = securityHeaders(request.nextUrl.pathname, env.EMBED_ALLOWED_ORIGINS, {
    nonce,
    connect: basemap ? [basemap] : [],
    development: process.env.NODE_ENV === 'development',
  });
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set('x-nonce', nonce);
  requestHeaders.set('Content-Security-Policy', headers['Content-Security-Policy']!);

  const problem = pageViewError(
    request.nextUrl.pathname,
    request.nextUrl.searchParams,
    loadCities().values(),
  );
  const response = problem
    ? NextResponse.rewrite(request.nextUrl, {
        status: problem.status,
        request: { headers: requestHeaders },
      })
    : NextResponse.next({ request: { headers: requestHeaders } });
  for (const [name, value] of Object.entries(headers)) response.headers.set(name, value);
  return response;
}

export const config = {
  // Static assets get their headers from next.config.js.
  matcher: ['/((?!_next/static|_next/image|favicon.ico|geojson/|maplibre-gl-worker).*)'],
};
