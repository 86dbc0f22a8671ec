/**
 * Security headers on pages, API routes and static files: a real CSP (default-src 'self',
 * scripts only with the request's nonce, no eval), nosniff, a referrer policy and a permissions
 * policy; the framing rules unchanged. The map still draws under that policy.
 */
import { expect, test, type APIResponse } from '@playwright/test';
import { EMBED_PARENT_PORT } from '../../playwright.config';
import { expectDrawn } from './fixtures/map';

function expectCommon(response: APIResponse, url: string) {
  const headers = response.headers();
  expect(headers['x-content-type-options'], url).toBe('nosniff');
  expect(headers['referrer-policy'], url).toBe('strict-origin-when-cross-origin');
  expect(headers['permissions-policy'], url).toContain('camera=()');
  expect(headers['content-security-policy'], url).toBeTruthy();
}

test('pages carry a nonce CSP that their scripts match, and no eval', async ({ request }) => {
  const response = await request.get('/?city=toronto&level=ward');
  expect(response.status()).toBe(200);
  expectCommon(response, '/');
  const csp = response.headers()['content-security-policy']!;
  expect(csp).toContain("default-src 'self'");
  expect(csp).toContain("object-src 'none'");
  expect(csp).toContain("frame-ancestors 'none'");
  expect(csp).not.toContain('unsafe-eval');
  expect(response.headers()['x-frame-options']).toBe('DENY');
  const nonce = /'nonce-([^']+)'/.exec(csp)?.[1];
  expect(nonce).toBeTruthy();
  const html = await response.text();
  const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
  expect(scripts.length).toBeGreaterThan(0);
  for (const tag of scripts) expect(tag).toContain(`nonce="${nonce}"`);
  // A fresh nonce for every request.
  const again = await request.get('/?city=toronto&level=ward');
  expect(again.headers()['content-security-policy']).not.toContain(nonce);
});

test('embeds keep their framing rule inside the same CSP', async ({ request }) => {
  const response = await request.get('/embed/map?city=toronto&level=ward');
  expectCommon(response, '/embed/map');
  const csp = response.headers()['content-security-policy']!;
  expect(csp).toContain("default-src 'self'");
  expect(csp).toContain(`frame-ancestors 'self' http://127.0.0.1:${EMBED_PARENT_PORT}`);
  expect(response.headers()['x-frame-options']).toBeUndefined();
});

test('API routes and static files carry the headers too', async ({ request }) => {
  const page = await (await request.get('/?city=toronto&level=ward')).text();
  const chunk = /<script[^>]+src="(\/_next\/static\/[^"]+\.js)"/.exec(page)?.[1];
  expect(chunk).toBeTruthy();
  const urls = [
    '/api/cities',
    '/api/choropleth?city=toronto&level=ward&bogus=1',
    '/geojson/toronto/ward.geojson',
    '/maplibre-gl-worker.mjs',
    chunk!,
  ];
  for (const url of urls) {
    const response = await request.get(url);
    expect(response.status(), url).toBeLessThan(500);
    expectCommon(response, url);
  }
  const api = await request.get('/api/cities');
  expect(api.headers()['content-security-policy']).toContain("default-src 'none'");
  const worker = await request.get('/maplibre-gl-worker.mjs');
  expect(worker.headers()['content-type']).toMatch(/javascript/);
});

test('the map still draws under the policy, with no CSP violation', async ({ page }) => {
  const violations: string[] = [];
  page.on('console', (message) => {
    if (/Content Security Policy|Refused to/i.test(message.text())) violations.push(message.text());
  });
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) => {
      console.error(
        `Refused to load: ${event.violatedDirective} ${event.blockedURI} at ${event.sourceFile}:${event.lineNumber}:${event.columnNumber} ${location.pathname}`,
      );
    });
  });
  await page.goto('/?city=toronto&level=ward');
  await expectDrawn(page, 25);
  await page.goto('/embed/heatmap?city=toronto');
  await expect(page.locator('[data-widget="heatmap"]').first()).toBeVisible();
  expect(violations).toEqual([]);
});
