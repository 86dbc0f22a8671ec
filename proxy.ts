/**
 * Next 16's proxy (formerly middleware): sets the framing policy on every page.
 * /embed/* → `frame-ancestors 'self' <EMBED_ALLOWED_ORIGINS>`; elsewhere → `'none'` + DENY.
 */
import { NextResponse, type NextRequest } from 'next/server';
import { getEnv } from '@/lib/env';
import { frameHeaders } from '@/lib/server/frame-headers';

export function proxy(request: NextRequest) {
  const response = NextResponse.next();
  const headers = frameHeaders(request.nextUrl.pathname, getEnv().EMBED_ALLOWED_ORIGINS);
  for (const [name, value] of Object.entries(headers)) response.headers.set(name, value);
  return response;
}

export const config = {
  // Static assets are never pages: leave them alone.
  matcher: ['/((?!_next/static|_next/image|favicon.ico|geojson/|maplibre-gl-worker).*)'],
};
