/**
 * The server draws the map into the page's HTML (components/map/first-draw.tsx): with scripts
 * off (the embed) or every script file refused (the dashboard, whose Suspense boundary streams
 * in behind React's inline swap), each page still shows every area coloured by its value's class
 * (checked against /api/choropleth's values and breaks, class by class, and the legend's
 * swatches); with scripts on, the interactive map takes over and the drawing goes.
 */
import { expect, test, type Browser, type Page } from '@playwright/test';
import { DRAW_TIMEOUT } from './fixtures/map';

interface Api {
  breaks: number[];
  areas: { area_key: string; value: number | null; tooFew?: boolean }[];
}

const NO_DATA = 'rgb(189 189 189)';

/** The class of a value, read straight off the breaks: [b0, b1), [b1, b2), …, [bn-1, bn]. */
function classIndex(value: number, breaks: number[]): number {
  const last = breaks.length - 2;
  for (let i = 0; i < last; i++) if (value < breaks[i + 1]!) return i;
  return last;
}

/** 'off': no JavaScript at all; 'files': inline scripts run, every script file is refused. */
async function withoutScripts<T>(
  browser: Browser,
  baseURL: string | undefined,
  scripts: 'off' | 'files',
  run: (page: Page) => Promise<T>,
): Promise<T> {
  const context = await browser.newContext({ javaScriptEnabled: scripts !== 'off', baseURL });
  const refused: string[] = [];
  await context.route(/\.m?js(\?|$)/, (route) => {
    refused.push(route.request().url());
    return route.abort();
  });
  try {
    const result = await run(await context.newPage());
    if (scripts === 'files') expect(refused.length).toBeGreaterThan(3);
    return result;
  } finally {
    await context.close();
  }
}

/** Each drawn area's fill, by area key. */
async function fills(page: Page): Promise<Map<string, string>> {
  const pairs = await page
    .locator('[data-testid=choropleth-svg] path[data-area]')
    .evaluateAll((paths) =>
      paths.map((p) => [p.getAttribute('data-area'), p.getAttribute('fill')]),
    );
  return new Map(pairs as [string, string][]);
}

/** The legend's swatch colours, in class order, as the SVG writes them (rgb(r g b)). */
async function swatches(page: Page): Promise<string[]> {
  const colours = await page
    .locator('[data-testid=legend-class] .swatch')
    .evaluateAll((spans) => spans.map((s) => (s as HTMLElement).style.background));
  return colours.map((c) => c.replace(/,\s*/g, ' '));
}

for (const { name, path, api, scripts } of [
  {
    name: 'the embed',
    path: '/embed/map?city=toronto&level=ward',
    api: '/api/choropleth?city=toronto&level=ward',
    scripts: 'off' as const,
  },
  {
    name: 'the dashboard',
    path: '/?city=toronto&level=fsa&metric=per_1000',
    api: '/api/choropleth?city=toronto&level=fsa&metric=per_1000',
    scripts: 'files' as const,
  },
]) {
  test(`${name} draws its map without its script files, each area in its value's class`, async ({
    browser,
    baseURL,
    request,
  }) => {
    const data = (await (await request.get(api)).json()) as Api;
    await withoutScripts(browser, baseURL, scripts, async (page) => {
      await page.goto(path);
      const svg = page.getByTestId('choropleth-svg');
      await expect(svg).toBeVisible();
      const drawn = await fills(page);
      const palette = await swatches(page);
      expect(palette.length).toBe(data.breaks.length - 1);
      const values = new Map(data.areas.map((a) => [a.area_key, a.value]));
      expect(drawn.size).toBeGreaterThan(20);
      let coloured = 0;
      for (const [key, fill] of drawn) {
        const value = values.get(key) ?? null;
        if (value === null) {
          expect(fill, key).toBe(NO_DATA);
          continue;
        }
        coloured++;
        expect(fill, key).toBe(palette[classIndex(value, data.breaks)]);
      }
      // Every area the API has a value for is drawn.
      expect(coloured).toBe(data.areas.filter((a) => a.value !== null).length);
      const box = await svg.boundingBox();
      expect(box!.width).toBeGreaterThan(200);
      expect(box!.height).toBeGreaterThan(150);
    });
  });

  test(`${name}: the interactive map replaces the drawing once it has drawn`, async ({ page }) => {
    await page.goto(path);
    const map = page.getByTestId('choropleth').first();
    await expect(map).toHaveAttribute('data-ready', 'true', { timeout: DRAW_TIMEOUT });
    await expect(page.getByTestId('first-draw')).toHaveCount(0);
    await expect(page.getByTestId('legend')).toBeVisible();
  });
}
