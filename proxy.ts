/**
 * Next 16's proxy (formerly middleware), on every page and API route:
 * - security headers (lib/server/security-headers.ts): a CSP with a fresh nonce per request,
 *   which Next.js reads from the request's CSP header and puts on its own script tags; the
 *   framing rules of frame-headers.ts unchanged (/embed/* → EMBED_ALLOWED_ORIGINS, else none);
 * - the status of a page whose link does not describe a view: 400 for a bad parameter, 404 for
 *   an unknown city or level (the page itself renders the sentence).
 * - /api/*: CORS for GET, HEAD and OPTIONS (any origin, no credentials; a preflight is answered
 *   here, 204) and the per-client rate limit of lib/server/rate-limit.ts (API_RATE_LIMIT a
 *   minute; 429 with Retry-After and a JSON error past it).
 * Static files get their headers from next.config.js.
 */
import { NextResponse, type NextRequest } from 'next/server';
import { loadCities } from '@/lib/cities';
import { getEnv } from '@/lib/env';
import { rateLimitedText } from '@/lib/api/texts';
import { clientAddress, RateLimiter } from '@/lib/server/rate-limit';
import { pageViewError } from '@/lib/server/page-status';
import { originOf, securityHeaders } from '@/lib/server/security-headers';
import { LANG_PARAM, LOCALE_HEADER, negotiateLocale } from '@/lib/i18n/locales';

/** Headers every /api/* answer carries so other sites can read the figures. */
export const CORS_HEADERS: Readonly<Record<string, string>> = {
  'Access-Control-Allow-Origin': '*',
  'Access-Control-Allow-Methods': 'GET, HEAD, OPTIONS',
  'Access-Control-Expose-Headers':
    'ETag, Last-Modified, Retry-After, RateLimit-Limit, RateLimit-Remaining',
};

const PREFLIGHT_HEADERS: Readonly<Record<string, string>> = {
  ...CORS_HEADERS,
  'Access-Control-Allow-Headers': 'Accept, Content-Type, If-None-Match, If-Modified-Since',
  'Access-Control-Max-Age': '86400',
};

/** One bucket set per server process (proxy.ts may be bundled more than once). */
const globalForLimiter = globalThis as unknown as { atlasRateLimiter?: RateLimiter };
function limiter(limit: number): RateLimiter {
  if (globalForLimiter.atlasRateLimiter?.limit !== limit) {
    globalForLimiter.atlasRateLimiter = new RateLimiter(limit);
  }
  return globalForLimiter.atlasRateLimiter;
}

/** The CORS preflight or the 429 of an /api/* request; null when it goes on to its route. */
function apiGate(request: NextRequest, env: ReturnType<typeof getEnv>): NextResponse | null {
  if (request.method === 'OPTIONS') {
    return new NextResponse(null, { status: 204, headers: PREFLIGHT_HEADERS });
  }
  const decision = limiter(env.API_RATE_LIMIT).take(
    clientAddress(request.headers, env.TRUST_PROXY),
  );
  if (decision.allowed) return null;
  return NextResponse.json(
    { error: rateLimitedText(decision.limit, decision.retryAfter) },
    {
      status: 429,
      headers: {
        ...CORS_HEADERS,
        'Retry-After': String(decision.retryAfter),
        'RateLimit-Limit': String(decision.limit),
        'RateLimit-Remaining': '0',
        'Cache-Control': 'no-store',
      },
    },
  );
}

export function proxy(request: NextRequest) {
  const env = getEnv();
  const api = request.nextUrl.pathname.startsWith('/api/');
  const nonce = Buffer.from(crypto.randomUUID()).toString('base64');
  const basemap = originOf(env.NEXT_PUBLIC_BASEMAP_STYLE_URL);
  const headers = securityHeaders(request.nextUrl.pathname, env.EMBED_ALLOWED_ORIGINS, {
    nonce,
    connect: basemap ? [basemap] : [],
    development: process.env.NODE_ENV === 'development',
  });
  if (api) {
    const gate = apiGate(request, env);
    if (gate) {
      for (const [name, value] of Object.entries(headers)) gate.headers.set(name, value);
      return gate;
    }
  }
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set('x-nonce', nonce);
  requestHeaders.set('Content-Security-Policy', headers['Content-Security-Policy']!);
  // The page's language (lib/i18n/locales.ts): `lang` in the link, else Accept-Language.
  const locale = negotiateLocale(
    request.nextUrl.searchParams.get(LANG_PARAM),
    request.headers.get('accept-language'),
  );
  requestHeaders.set(LOCALE_HEADER, locale);

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
  if (!api) {
    response.headers.set('Content-Language', locale);
    response.headers.append('Vary', 'Accept-Language');
  }
  if (api)
    for (const [name, value] of Object.entries(CORS_HEADERS)) response.headers.set(name, value);
  return response;
}

export const config = {
  // Static assets get their headers from next.config.js.
  matcher: ['/((?!_next/static|_next/image|favicon.ico|geojson/|maplibre-gl-worker).*)'],
};
