/**
 * Who may put our pages in an iframe. /embed/* may be framed by our own origin and by the origins
 * in EMBED_ALLOWED_ORIGINS; every other page by nobody (CSP frame-ancestors 'none', plus
 * X-Frame-Options DENY for browsers that predate CSP level 2). Pure, so it is unit-testable.
 */

export function isEmbedPath(pathname: string): boolean {
  return pathname === '/embed' || pathname.startsWith('/embed/');
}

/** A CSP source expression for an allowed origin: scheme, host and port only. */
export function toSourceExpression(origin: string): string {
  if (origin === '*') return '*';
  return new URL(origin).origin;
}

export function frameHeaders(
  pathname: string,
  allowedOrigins: readonly string[],
): Record<string, string> {
  if (isEmbedPath(pathname)) {
    const sources = allowedOrigins.includes('*')
      ? ['*']
      : ["'self'", ...new Set(allowedOrigins.map(toSourceExpression))];
    return { 'Content-Security-Policy': `frame-ancestors ${sources.join(' ')}` };
  }
  return { 'Content-Security-Policy': "frame-ancestors 'none'", 'X-Frame-Options': 'DENY' };
}
