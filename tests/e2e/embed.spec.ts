/**
 * The embeddable map on another origin: the parent page (http://127.0.0.1:<port>) receives
 * `atlas311:height` and, after a click, `atlas311:area`; the dashboard itself refuses framing.
 * playwright.config.ts starts the app with EMBED_ALLOWED_ORIGINS set to the parent's origin.
 */
import { expect, test, type Page } from '@playwright/test';
import { EMBED_PARENT_PORT } from '../../playwright.config';
import { DRAW_TIMEOUT } from './fixtures/map';
import { startParentServer, type ParentServer } from './fixtures/parent-server';

interface Received {
  origin: string;
  data: {
    type?: string;
    height?: number;
    city?: string;
    level?: string;
    area_key?: string;
    area_name?: string;
  };
}

let parent: ParentServer;

test.beforeAll(async () => {
  parent = await startParentServer(EMBED_PARENT_PORT);
});

test.afterAll(async () => {
  await parent.close();
});

function messages(page: Page): Promise<Received[]> {
  return page.evaluate(() => (window as unknown as { messages: Received[] }).messages);
}

test('the embed posts its height and the clicked area to the parent page', async ({
  page,
  baseURL,
}) => {
  const src = `${baseURL}/embed/map?city=toronto&level=ward`;
  await page.goto(`${parent.origin}/?src=${encodeURIComponent(src)}`);

  const frame = page.frameLocator('#atlas');
  const map = frame.getByTestId('choropleth');
  await expect(map).toHaveAttribute('data-feature-count', '25');
  await expect(map).toHaveAttribute('data-ready', 'true', { timeout: DRAW_TIMEOUT });
  await expect(frame.getByTestId('legend')).toBeVisible();
  await expect(frame.getByText(/Open Government Licence/).first()).toBeVisible();

  await expect
    .poll(async () => (await messages(page)).find((m) => m.data.type === 'atlas311:height'))
    .toMatchObject({ origin: new URL(baseURL!).origin, data: { type: 'atlas311:height' } });
  const height = (await messages(page)).find((m) => m.data.type === 'atlas311:height')!.data
    .height!;
  expect(height).toBeGreaterThan(300);

  const embed = page.frames().find((f) => f.url().includes('/embed/map'));
  if (!embed) throw new Error('embed frame not found');
  const point = await embed.evaluate(() => window.__atlasMap?.screenPoint('10') ?? null);
  const box = await map.boundingBox();
  if (!point || !box) throw new Error('no point inside ward 10');
  await page.mouse.move(box.x + point.x, box.y + point.y, { steps: 4 });
  await page.mouse.click(box.x + point.x, box.y + point.y);

  await expect
    .poll(async () => (await messages(page)).find((m) => m.data.type === 'atlas311:area')?.data)
    .toEqual({
      type: 'atlas311:area',
      city: 'toronto',
      level: 'ward',
      area_key: '10',
      area_name: 'Spadina-Fort York',
    });
});

test('embeds allow the configured origin; the dashboard refuses every frame', async ({
  request,
}) => {
  const embed = await request.get('/embed/map?city=toronto&level=ward');
  expect(embed.status()).toBe(200);
  const embedCsp = embed.headers()['content-security-policy'] ?? '';
  expect(embedCsp).toContain('frame-ancestors');
  expect(embedCsp).toContain("'self'");
  expect(embedCsp).toContain(`http://127.0.0.1:${EMBED_PARENT_PORT}`);
  expect(embed.headers()['x-frame-options']).toBeUndefined();

  const dashboard = await request.get('/?city=toronto&level=ward');
  expect(dashboard.headers()['content-security-policy']).toMatch(/frame-ancestors 'none'$/);
  expect(dashboard.headers()['x-frame-options']).toBe('DENY');
});

test('a browser will not render the dashboard inside another origin’s frame', async ({
  page,
  baseURL,
}) => {
  await page.goto(
    `${parent.origin}/?src=${encodeURIComponent(`${baseURL}/?city=toronto&level=ward`)}`,
  );
  await page.waitForLoadState('load');
  await page.waitForTimeout(1500);
  const frame = page.frames().find((f) => f !== page.mainFrame());
  expect(frame).toBeDefined();
  expect(await frame!.locator('[data-testid="choropleth"]').count()).toBe(0);
  // Chromium swaps a refused frame for its own error page.
  expect(await frame!.getByText('Atlas 311').count()).toBe(0);
  expect(frame!.url()).not.toContain('city=toronto');
});
