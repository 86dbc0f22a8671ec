/**
 * What each page loads, from the request log rather than a clock (issue 10, item 4): with no
 * basemap configured the dashboard draws its map with deck.gl alone (no MapLibre chunk, no
 * MapLibre worker, no worker at all), and fetches the charts (recharts) only after the map has
 * drawn; the embed map never loads recharts. Neither page ships zod (the browser reads the view
 * with lib/view/read.ts) or deck.gl's text and icon layers (the map draws polygons and paths,
 * not GeoJsonLayer), and the scripts fetched before the first draw fit issue 10's budgets (gzip
 * of each body, as the bench's browser half counts them; the embed's is a ceiling until its goal
 * is met). A chunk is recognised by what it
 * holds: MapLibre's class names (`maplibregl-…`), recharts' (`recharts-…`), zod's error class
 * and deck.gl's layer names.
 */
import { gzipSync } from 'node:zlib';
import { expect, test, type Page } from '@playwright/test';
import { BROWSER_GOALS } from '../../bench/web-browser';
import { DRAW_TIMEOUT } from './fixtures/map';

interface LoadedScript {
  url: string;
  body: string;
  /** performance.now() when the request started (resource timing). */
  startTime: number;
}

declare global {
  interface Window {
    __drawnAt?: number;
  }
}

/** Before any app script: note when the choropleth first reports it has drawn. */
function recordDraw(): void {
  new MutationObserver(() => {
    if (window.__drawnAt !== undefined) return;
    const map = document.querySelector<HTMLElement>('[data-testid=choropleth]');
    if (map?.dataset.ready === 'true') window.__drawnAt = performance.now();
  }).observe(document, { attributes: true, attributeFilter: ['data-ready'], subtree: true });
}

async function visit(
  page: Page,
  path: string,
  settled: (page: Page) => Promise<void>,
): Promise<{ scripts: LoadedScript[]; workers: string[]; drawnAt: number }> {
  const workers: string[] = [];
  page.on('worker', (worker) => workers.push(worker.url()));
  const bodies = new Map<string, Promise<string>>();
  page.on('response', (response) => {
    const url = response.url();
    if (/\.m?js(\?|$)/.test(new URL(url).pathname)) bodies.set(url, response.text());
  });
  await page.addInitScript(recordDraw);
  await page.goto(path);
  await expect(page.getByTestId('choropleth')).toHaveAttribute('data-ready', 'true', {
    timeout: DRAW_TIMEOUT,
  });
  await settled(page);
  await page.waitForLoadState('networkidle');
  const { drawnAt, timings } = await page.evaluate(() => ({
    drawnAt: window.__drawnAt ?? null,
    timings: performance
      .getEntriesByType('resource')
      .map((e) => ({ url: e.name, startTime: e.startTime })),
  }));
  expect(drawnAt).not.toBeNull();
  const scripts: LoadedScript[] = [];
  for (const [url, body] of bodies) {
    const timing = timings.find((t) => t.url === url);
    scripts.push({ url, body: await body, startTime: timing?.startTime ?? Number.NaN });
  }
  expect(scripts.length).toBeGreaterThan(3);
  return { scripts, workers, drawnAt: drawnAt! };
}

const isMaplibre = (s: LoadedScript) => /maplibregl-/.test(s.body);
const isRecharts = (s: LoadedScript) => /recharts-/.test(s.body);
const isZod = (s: LoadedScript) => /ZodError/.test(s.body);
const hasTextLayers = (s: LoadedScript) => /"(TextLayer|IconLayer|MultiIconLayer)"/.test(s.body);
const isDeck = (s: LoadedScript) => /"SolidPolygonLayer"/.test(s.body);

/**
 * The embed's ceiling: issue 10's goal is BROWSER_GOALS.embedKb (350 KB), not met yet (403 KB
 * measured: React and Next about 160 KB, deck.gl about 230 KB, next-intl's runtime with its ICU
 * formatter about 13 KB since the embed speaks three languages), so this only holds today's
 * figure against regressions until the goal is.
 */
const EMBED_CEILING_KB = 410;

/** gzip KB of the scripts whose request started before the map's first draw. */
function kbBeforeDraw(scripts: LoadedScript[], drawnAt: number): number {
  const before = scripts.filter((s) => s.startTime <= drawnAt);
  return before.reduce((total, s) => total + gzipSync(s.body, { level: 6 }).length, 0) / 1024;
}

/** What both pages must not ship, and the map they must. */
function expectLean(scripts: LoadedScript[]): void {
  expect(scripts.filter(isZod).map((s) => s.url)).toEqual([]);
  expect(scripts.filter(hasTextLayers).map((s) => s.url)).toEqual([]);
  expect(scripts.some(isDeck)).toBe(true);
}

test('with no basemap the dashboard loads no MapLibre and no worker; charts come after the map; no zod', async ({
  page,
}) => {
  const { scripts, workers, drawnAt } = await visit(
    page,
    '/?city=toronto&level=ward&tab=trends',
    async (p) => {
      // The Trends chart draws once recharts has loaded.
      await expect(p.locator('[data-testid=charts-slot] .recharts-wrapper').first()).toBeVisible({
        timeout: DRAW_TIMEOUT,
      });
    },
  );
  expect(scripts.filter(isMaplibre).map((s) => s.url)).toEqual([]);
  expect(scripts.some((s) => s.url.includes('maplibre-gl-worker'))).toBe(false);
  expect(workers).toEqual([]);
  const charts = scripts.filter(isRecharts);
  expect(charts.length).toBeGreaterThan(0);
  for (const chunk of charts) {
    expect(chunk.startTime, chunk.url).toBeGreaterThanOrEqual(drawnAt);
  }
  expectLean(scripts);
  expect(kbBeforeDraw(scripts, drawnAt)).toBeLessThanOrEqual(BROWSER_GOALS.dashboardKb);
});

test('the embed map loads neither recharts nor MapLibre, and fits its budget', async ({ page }) => {
  const { scripts, workers, drawnAt } = await visit(
    page,
    '/embed/map?city=toronto&level=ward',
    async (p) => {
      await expect(p.getByTestId('legend')).toBeVisible();
    },
  );
  expect(scripts.filter(isRecharts).map((s) => s.url)).toEqual([]);
  expect(scripts.filter(isMaplibre).map((s) => s.url)).toEqual([]);
  expect(workers).toEqual([]);
  expectLean(scripts);
  expect(kbBeforeDraw(scripts, drawnAt)).toBeLessThanOrEqual(EMBED_CEILING_KB);
});
