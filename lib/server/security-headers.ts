/**
 * Security headers for every answer: a Content-Security-Policy (default-src 'self'; scripts only
 * with the per-request nonce Next.js puts on its own script tags, 'strict-dynamic' for the chunks
 * they load; no eval outside development), nosniff, a referrer policy and a permissions policy.
 * The framing part (frame-ancestors, X-Frame-Options) comes unchanged from frame-headers.ts.
 * Pure, so it is unit-testable; proxy.ts applies it to pages and API routes, next.config.js to
 * static files.
 */
import { frameHeaders } from './frame-headers';

export const COMMON_SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'strict-origin-when-cross-origin',
  'Permissions-Policy':
    'camera=(), microphone=(), geolocation=(), payment=(), usb=(), browsing-topics=()',
};

export interface CspOptions {
  /** A fresh random value per request (base64). */
  nonce: string;
  /** Extra origins the page may fetch from (an optional basemap style and its tiles). */
  connect?: readonly string[];
  /** React's development build evaluates code; production never does. */
  development?: boolean;
}

/** The origin of a URL, or null for anything that is not http(s). */
export function originOf(url: string | undefined): string | null {
  if (!url) return null;
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' || parsed.protocol === 'http:' ? parsed.origin : null;
  } catch {
    return null;
  }
}

/** The document policy without frame-ancestors (added per path by securityHeaders). */
export function documentPolicy(options: CspOptions): string {
  const connect = ["'self'", ...(options.connect ?? [])];
  const script = ["'self'", `'nonce-${options.nonce}'`, "'strict-dynamic'"];
  if (options.development) script.push("'unsafe-eval'");
  return [
    "default-src 'self'",
    `script-src ${script.join(' ')}`,
    // React and maplibre set style attributes; nonces cannot cover attributes.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    `connect-src ${connect.join(' ')}`,
    // maplibre's worker is served from /public (no blob: workers needed).
    "worker-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
  ].join('; ');
}

/** JSON answers and static files load nothing themselves. */
export const RESOURCE_POLICY = "default-src 'none'";

/**
 * All security headers for one path: a document policy for pages, a closed one for API routes,
 * each with the path's framing rule appended.
 */
export function securityHeaders(
  pathname: string,
  allowedOrigins: readonly string[],
  options: CspOptions,
): Record<string, string> {
  const framing = frameHeaders(pathname, allowedOrigins);
  const base = pathname.startsWith('/api/') ? RESOURCE_POLICY : documentPolicy(options);
  return {
    ...COMMON_SECURITY_HEADERS,
    ...framing,
    'Content-Security-Policy': `${base}; ${framing['Content-Security-Policy']}`,
  };
}
