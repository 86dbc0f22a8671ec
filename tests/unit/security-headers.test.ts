import { describe, expect, it } from 'vitest';
import { loadCities } from '@/lib/cities';
import { pageViewError } from '@/lib/server/page-status';
import { documentPolicy, originOf, securityHeaders } from '@/lib/server/security-headers';

describe('securityHeaders', () => {
  it('gives pages a nonce CSP without eval, with the framing rule of the path', () => {
    const headers = securityHeaders('/', [], { nonce: 'abc' });
    const csp = headers['Content-Security-Policy']!;
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self' 'nonce-abc' 'strict-dynamic'");
    expect(csp).not.toContain('unsafe-eval');
    expect(csp).toMatch(/frame-ancestors 'none'$/);
    expect(headers['X-Frame-Options']).toBe('DENY');
    expect(headers['X-Content-Type-Options']).toBe('nosniff');
    expect(headers['Referrer-Policy']).toBe('strict-origin-when-cross-origin');
    expect(headers['Permissions-Policy']).toContain('geolocation=()');
  });

  it('lets the allowed origins frame embeds, and closes API answers', () => {
    const embed = securityHeaders('/embed/map', ['https://news.example.org/x'], { nonce: 'n' });
    expect(embed['Content-Security-Policy']).toMatch(
      /frame-ancestors 'self' https:\/\/news\.example\.org$/,
    );
    expect(embed['X-Frame-Options']).toBeUndefined();
    const api = securityHeaders('/api/cities', [], { nonce: 'n' });
    expect(api['Content-Security-Policy']).toBe("default-src 'none'; frame-ancestors 'none'");
  });

  it('allows eval only in development and a basemap origin only when configured', () => {
    expect(documentPolicy({ nonce: 'n', development: true })).toContain("'unsafe-eval'");
    expect(documentPolicy({ nonce: 'n', connect: ['https://tiles.example.org'] })).toContain(
      "connect-src 'self' https://tiles.example.org",
    );
    expect(originOf('https://tiles.example.org/style.json')).toBe('https://tiles.example.org');
    expect(originOf('javascript:alert(1)')).toBeNull();
  });
});

describe('pageViewError', () => {
  const configs = [...loadCities().values()];
  const check = (path: string, query: string) =>
    pageViewError(path, new URLSearchParams(query), configs);

  it('ignores tracking parameters on pages', () => {
    expect(check('/', 'city=toronto&level=ward&utm_source=x&fbclid=y')).toBeNull();
    expect(check('/embed/heatmap', 'city=toronto')).toBeNull();
  });

  it('answers 404 for an unknown city or level and 400 for a bad parameter', () => {
    expect(check('/', 'city=atlantis')?.status).toBe(404);
    expect(check('/embed/map', 'city=toronto&level=moon')?.status).toBe(404);
    expect(check('/', 'city=toronto&from=2024-02-30')?.status).toBe(400);
    expect(check('/embed/heatmap', 'city=toronto&mode=decade')?.status).toBe(400);
  });

  it('leaves other paths alone', () => {
    expect(check('/api/cities', 'city=atlantis')).toBeNull();
  });
});
