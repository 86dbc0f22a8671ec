/**
 * What each page loads, from the request log rather than a clock (issue 10, item 4): with no
 * basemap configured the dashboard draws its map with deck.gl alone (no MapLibre chunk, no
 * MapLibre worker, no worker at all), and fetches the charts (recharts) only after the map has
 * drawn; the embed map never loads recharts. Neither page ships zod (the browser reads the view
 * with lib/view/read.ts) or deck.gl's text and icon layers (the map draws polygons and paths,
 * not GeoJsonLayer), and the scripts fetched before the first draw fit issue 10's budgets (gzip
 * of each body whose response ended before it, as the bench's browser half counts them). The first
 * draw is the server's SVG when the page has one (first-draw.spec.ts); the scripts until the
 * interactive map has drawn are held to today's figures against regressions. A chunk is
 * recognised by what it
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
  /** performance.now() when the request started and when its response ended (resource timing). */
  startTime: number;
  responseEnd: number;
}

declare global {
  interface Window {
    __drawnAt?: number;
    __interactiveAt?: number;
  }
}

/**
 * Before any app script: note when a choropleth is first on screen (the server's SVG, or the
 * interactive map) and when the interactive map first reports it has drawn.
 */
function recordDraw(): void {
  new MutationObserver(() => {
    const map = document.querySelector<HTMLElement>('[data-testid=choropleth]');
    const interactive = map?.dataset.ready === 'true';
    if (interactive && window.__interactiveAt === undefined) {
      window.__interactiveAt = performance.now();
    }
    const svg = document.querySelector('[data-testid=choropleth-svg][data-ready=true]');
    // Streamed inside a Suspense boundary it arrives hidden until React's inline script moves it.
    const shown = svg?.checkVisibility() ?? false;
    if ((shown || interactive) && window.__drawnAt === undefined)
      window.__drawnAt = performance.now();
  }).observe(document, {
    attributes: true,
    attributeFilter: ['data-ready'],
    childList: true,
    subtree: true,
  });
}

async function visit(
  page: Page,
  path: string,
  settled: (page: Page) => Promise<void>,
): Promise<{
  scripts: LoadedScript[];
  workers: string[];
  drawnAt: number;
  interactiveAt: number;
}> {
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
  const { drawnAt, interactiveAt, timings } = await page.evaluate(() => ({
    drawnAt: window.__drawnAt ?? null,
    interactiveAt: window.__interactiveAt ?? null,
    timings: performance.getEntriesByType('resource').map((e) => ({
      url: e.name,
      startTime: e.startTime,
      responseEnd: (e as PerformanceResourceTiming).responseEnd,
    })),
  }));
  expect(drawnAt).not.toBeNull();
  expect(interactiveAt).not.toBeNull();
  const scripts: LoadedScript[] = [];
  for (const [url, body] of bodies) {
    const timing = timings.find((t) => t.url === url);
    scripts.push({
      url,
      body: await body,
      startTime: timing?.startTime ?? Number.NaN,
      responseEnd: timing?.responseEnd ?? Number.NaN,
    });
  }
  expect(scripts.length).toBeGreaterThan(3);
  return { scripts, workers, drawnAt: drawnAt!, interactiveAt: interactiveAt! };
}

const isMaplibre = (s: LoadedScript) => /maplibregl-/.test(s.body);
const isRecharts = (s: LoadedScript) => /recharts-/.test(s.body);
const isZod = (s: LoadedScript) => /ZodError/.test(s.body);
const hasTextLayers = (s: LoadedScript) => /"(TextLayer|IconLayer|MultiIconLayer)"/.test(s.body);
const isDeck = (s: LoadedScript) => /"SolidPolygonLayer"/.test(s.body);

/**
 * Ceilings on the scripts until the interactive map has drawn, today's figures against
 * regressions (no goal of their own: the first draw needs none, above). The embed's is React and
 * Next about 160 KB, deck.gl about 230 KB, next-intl's runtime with its ICU formatter about 13 KB.
 */
const INTERACTIVE_CEILING_KB = { dashboard: 450, embed: 410 } as const;

/** gzip KB of the scripts whose response ended before `at` (a draw). */
function kbBefore(scripts: LoadedScript[], at: number): number {
  const before = scripts.filter((s) => s.responseEnd <= at);
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
  const { scripts, workers, drawnAt, interactiveAt } = await visit(
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
    expect(chunk.startTime, chunk.url).toBeGreaterThanOrEqual(interactiveAt);
  }
  expectLean(scripts);
  expect(kbBefore(scripts, drawnAt)).toBeLessThanOrEqual(BROWSER_GOALS.dashboardKb);
  expect(kbBefore(scripts, interactiveAt)).toBeLessThanOrEqual(INTERACTIVE_CEILING_KB.dashboard);
});

test('the embed map loads neither recharts nor MapLibre, and fits its budget', async ({ page }) => {
  const { scripts, workers, drawnAt, interactiveAt } = await visit(
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
  expect(kbBefore(scripts, drawnAt)).toBeLessThanOrEqual(BROWSER_GOALS.embedKb);
  expect(kbBefore(scripts, interactiveAt)).toBeLessThanOrEqual(INTERACTIVE_CEILING_KB.embed);
});
