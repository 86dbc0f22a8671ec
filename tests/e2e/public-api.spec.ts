/**
 * The public side of the app in Chromium on `next start`: CORS on /api/* (a real cross-origin
 * fetch from another origin, and the preflight), a real 429 with Retry-After from a second
 * server started with a small API_RATE_LIMIT, the Atom feeds (parsed by a feed parser, figures
 * equal to the API's, 404s with a sentence) linked from the page head and the area profile, and
 * the /docs/api page under the strict CSP.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { parseFeed } from '@rowanmanning/feed-parser';
import { expect, test } from '@playwright/test';
import { EMBED_PARENT_PORT } from '../../playwright.config';
import { seriousViolations } from './fixtures/axe';
import { startParentServer, type ParentServer } from './fixtures/parent-server';

const PORT = Number(process.env.E2E_PORT ?? 3100);
/** The rate-limit server: the next port after the suite's own. */
const LIMIT_PORT = PORT + 1;

test('API answers carry CORS headers and other origins can read them in the browser', async ({
  page,
  request,
}) => {
  const answer = await request.get('/api/cities', {
    headers: { Origin: 'https://news.example.org' },
  });
  expect(answer.status()).toBe(200);
  expect(answer.headers()['access-control-allow-origin']).toBe('*');
  expect(answer.headers()['access-control-allow-credentials']).toBeUndefined();

  const preflight = await request.fetch('/api/trends?city=toronto&level=ward', {
    method: 'OPTIONS',
    headers: {
      Origin: 'https://news.example.org',
      'Access-Control-Request-Method': 'GET',
      'Access-Control-Request-Headers': 'accept',
    },
  });
  expect(preflight.status()).toBe(204);
  expect(preflight.headers()['access-control-allow-origin']).toBe('*');
  expect(preflight.headers()['access-control-allow-methods']).toBe('GET, HEAD, OPTIONS');
  expect(preflight.headers()['access-control-allow-headers']).toContain('Accept');

  // Pages are not opened to other origins.
  expect((await request.get('/status')).headers()['access-control-allow-origin']).toBeUndefined();

  // A page on another origin fetches the figures (the browser enforces CORS).
  let parent: ParentServer | undefined;
  try {
    parent = await startParentServer(EMBED_PARENT_PORT);
    await page.goto(`${parent.origin}/?src=about:blank`);
    const read = await page.evaluate(async (url) => {
      const response = await fetch(url, { headers: { Accept: 'application/json' } });
      const body = (await response.json()) as { cities: unknown[] };
      return { status: response.status, cities: body.cities.length };
    }, `http://localhost:${PORT}/api/cities`);
    expect(read.status).toBe(200);
    expect(read.cities).toBeGreaterThan(0);
  } finally {
    await parent?.close();
  }
});

test.describe('rate limit', () => {
  let server: ChildProcess | undefined;

  test.beforeAll(async () => {
    test.setTimeout(120_000);
    server = spawn(
      process.execPath,
      ['node_modules/next/dist/bin/next', 'start', '-p', String(LIMIT_PORT)],
      {
        env: { ...process.env, API_RATE_LIMIT: '3', LOG_LEVEL: 'warn' },
        stdio: 'ignore',
      },
    );
    const deadline = Date.now() + 90_000;
    for (;;) {
      try {
        if ((await fetch(`http://localhost:${LIMIT_PORT}/docs/api`)).ok) break;
      } catch {
        // not listening yet
      }
      if (Date.now() > deadline) throw new Error('the rate-limit server did not start');
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  });

  test.afterAll(() => {
    if (server?.pid) process.kill(server.pid);
  });

  test('a client past API_RATE_LIMIT gets a 429 with Retry-After and a JSON sentence', async () => {
    const url = `http://localhost:${LIMIT_PORT}/api/cities`;
    const statuses: number[] = [];
    let refused: Response | undefined;
    for (let i = 0; i < 4; i++) {
      const response = await fetch(url);
      statuses.push(response.status);
      if (response.status === 429) refused = response;
      else await response.arrayBuffer();
    }
    expect(statuses).toEqual([200, 200, 200, 429]);
    // One token comes back every 60 / 3 = 20 s.
    const retryAfter = Number(refused!.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(20);
    expect(refused!.headers.get('access-control-allow-origin')).toBe('*');
    expect(refused!.headers.get('content-type')).toContain('application/json');
    expect(await refused!.json()).toEqual({
      error: `Too many requests: this API answers 3 requests a minute per client; try again in ${retryAfter} seconds.`,
    });
    // Pages are not counted.
    expect((await fetch(`http://localhost:${LIMIT_PORT}/docs/api`)).status).toBe(200);
  });
});

test('feeds: linked from the head and the area profile, figures equal the API, 404s say why', async ({
  page,
  request,
}) => {
  await page.goto('/?city=toronto&level=ward&area=10');
  const head = page.locator('head link[rel="alternate"][type="application/atom+xml"]');
  await expect(head).toHaveCount(2);
  expect(await head.nth(0).getAttribute('href')).toMatch(/\/feed\/toronto\.atom$/);
  expect(await head.nth(1).getAttribute('href')).toMatch(/\/feed\/toronto\/ward\/10\.atom$/);
  await page.getByRole('tab', { name: 'Area profile' }).click();
  const follow = page.getByTestId('follow-area');
  await expect(follow).toHaveText('Follow this area');
  const href = await follow.getAttribute('href');
  expect(href).toBe('/feed/toronto/ward/10.atom');

  const response = await request.get(href!);
  expect(response.status()).toBe(200);
  expect(response.headers()['content-type']).toBe('application/atom+xml; charset=utf-8');
  const etag = response.headers()['etag']!;
  const feed = parseFeed(await response.text());
  expect(feed.title).toContain('Spadina-Fort York');
  expect(feed.items.length).toBeGreaterThan(1);
  for (const item of feed.items.slice(0, 2)) {
    const from = /from=(\d{4}-\d{2}-\d{2})/.exec(item.url!)![1]!;
    const to = /to=(\d{4}-\d{2}-\d{2})/.exec(item.url!)![1]!;
    const profile = (await (
      await request.get(`/api/area?city=toronto&level=ward&area=10&from=${from}&to=${to}`)
    ).json()) as { figures: { key: string; area: number }[] };
    const requests = profile.figures.find((f) => f.key === 'requests')!.area;
    expect(item.content).toContain(`${requests.toLocaleString('en-US')} requests were opened`);
    expect(item.title).toContain(`${requests.toLocaleString('en-US')} requests`);
  }
  const again = await request.get(href!, { headers: { 'If-None-Match': etag } });
  expect(again.status()).toBe(304);

  for (const [path, sentence] of [
    ['/feed/atlantis.atom', 'There is no city "atlantis"'],
    ['/feed/toronto/county/10.atom', 'Toronto has no level "county"'],
    ['/feed/toronto/ward/99.atom', 'Toronto has no Ward "99"'],
    ['/feed/toronto/ward', 'There is no feed at this address'],
  ] as const) {
    const missing = await request.get(path);
    expect(missing.status(), path).toBe(404);
    expect(await missing.text(), path).toContain(sentence);
  }
});

test('the API reference renders the document with examples under the strict CSP', async ({
  page,
}) => {
  const violations: string[] = [];
  page.on('console', (message) => {
    if (/Content Security Policy|Refused to/i.test(message.text())) violations.push(message.text());
  });
  const external: string[] = [];
  page.on('request', (req) => {
    if (!req.url().startsWith(`http://localhost:${PORT}`)) external.push(req.url());
  });
  await page.setViewportSize({ width: 1440, height: 900 });
  const response = await page.goto('/docs/api');
  expect(response?.status()).toBe(200);
  expect(response?.headers()['content-security-policy']).toContain("default-src 'self'");
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Atlas 311 API');
  const doc = (await (await page.request.get('/api/openapi.json')).json()) as {
    paths: Record<string, unknown>;
  };
  for (const path of Object.keys(doc.paths)) {
    await expect(page.locator('h2 code', { hasText: new RegExp(`^${path}$`) })).toHaveCount(1);
  }
  await expect(page.getByText("curl 'http://localhost:", { exact: false }).first()).toBeVisible();
  await page.screenshot({ path: 'docs/screenshots/api-docs.png' });
  expect(await seriousViolations(page)).toEqual([]);
  // An example answer opens.
  const details = page.locator('#route-api-cities details').first();
  await details.locator('summary').click();
  await expect(details.locator('pre')).toContainText('"cities"');
  // On a phone nothing overflows sideways.
  await page.setViewportSize({ width: 390, height: 844 });
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
  expect(overflow).toBeLessThanOrEqual(0);
  await page.screenshot({ path: 'test-results/api-docs-phone.png' });
  expect(violations).toEqual([]);
  expect(external).toEqual([]);
});
