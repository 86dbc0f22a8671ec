/**
 * The browser half of the web bench, in Debian's headless Chromium with the e2e flags: time to the
 * first drawn choropleth, time to redraw after a filter change, and the JavaScript a first visit
 * transfers until the map is drawn. Draw times come from the page's own clock (performance.now(),
 * zero at navigation start), recorded by an observer installed before any app script runs: the
 * first draw is the server's SVG (components/map/first-draw.tsx) in the frame after the parser
 * inserts it, or the interactive map's `data-ready`, whichever comes first; the interactive
 * map's own first draw is reported beside it (`first_interactive_ms`), and redraws count only
 * the interactive map's. The script bytes are counted twice: by the browser (encodedBodySize of what it
 * fetched before the draw) and from the build's manifests (manifestScriptBytes, gzip on disk).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { runInNewContext } from 'node:vm';
import { gzipSync } from 'node:zlib';
import { chromium, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { CHROMIUM_ARGS, chromiumExecutablePath } from '@/tools/chromium';
import { figure, type Figures } from './figures';
import { median } from './web-load';

const PAINT_RUNS = 5;
export const DASHBOARD = '/?city=san-francisco&level=neighborhood';
/** The bench warehouse holds San Francisco only: the embed must draw a map there too. */
export const EMBED = '/embed/map?city=san-francisco&level=neighborhood';
/** The level the redraw test switches to, and how many areas it draws. */
const OTHER_LEVEL = { button: 'Supervisor district', count: 11 };
/** Issue 10's goals: gzip KB of scripts until the map is drawn; draw times in ms. */
export const BROWSER_GOALS = {
  firstPaintMs: 1000,
  metricRepaintMs: 150,
  dashboardKb: 450,
  embedKb: 350,
} as const;

const READY = '[data-testid=choropleth][data-ready=true]';

interface ReadyMark {
  t: number;
  /** 'svg': the server's drawing painted; 'map': the interactive map drew. */
  source: 'svg' | 'map';
  count: string | null;
  breaks: string | null;
}

declare global {
  interface Window {
    __benchReady?: ReadyMark[];
    __benchAction?: number;
  }
}

/** Runs in the page before its scripts: logs every time the map reports it has drawn. */
function recordReady(): void {
  window.__benchReady = [];
  document.addEventListener(
    'change',
    (event) => {
      window.__benchAction = event.timeStamp;
    },
    true,
  );
  document.addEventListener(
    'click',
    (event) => {
      window.__benchAction = event.timeStamp;
    },
    true,
  );
  // No named inner functions: tsx (esbuild keepNames) would wrap them in a __name() helper that
  // does not exist in the page, where this function runs from its source text.
  let svgSeen = false;
  new MutationObserver((mutations) => {
    for (const mutation of mutations) {
      if (mutation.type === 'childList') {
        if (svgSeen) continue;
        const svg = document.querySelector<SVGElement>(
          '[data-testid=choropleth-svg][data-ready=true]',
        );
        // Streamed inside a Suspense boundary it arrives hidden, and React's inline script
        // moves it into place (another childList mutation): count it once it can be seen.
        if (!svg?.checkVisibility()) continue;
        svgSeen = true;
        // In the page and visible; the next frame paints it.
        requestAnimationFrame(() =>
          window.__benchReady?.push({
            t: performance.now(),
            source: 'svg',
            count: svg.dataset.featureCount ?? null,
            breaks:
              document.querySelector('[data-testid=legend]')?.getAttribute('data-breaks') ?? null,
          }),
        );
        continue;
      }
      const el = mutation.target as HTMLElement;
      if (el.dataset.testid !== 'choropleth' || el.dataset.ready !== 'true') continue;
      window.__benchReady?.push({
        t: performance.now(),
        source: 'map',
        count: el.dataset.featureCount ?? null,
        breaks: document.querySelector('[data-testid=legend]')?.getAttribute('data-breaks') ?? null,
      });
    }
  }).observe(document, {
    attributes: true,
    attributeFilter: ['data-ready'],
    childList: true,
    subtree: true,
  });
}

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: chromiumExecutablePath(), args: CHROMIUM_ARGS });
}

async function newContext(browser: Browser): Promise<BrowserContext> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  await context.addInitScript(recordReady);
  return context;
}

/** Waits for a draw after the last user action that satisfies `accept`; ms from the action. */
async function drawAfterAction(
  page: Page,
  accept: (mark: ReadyMark) => boolean,
  timeoutMs = 60_000,
): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const { marks, action } = await page.evaluate(() => ({
      marks: window.__benchReady ?? [],
      action: window.__benchAction ?? null,
    }));
    if (action !== null) {
      const hit = marks.find((m) => m.source === 'map' && m.t >= action && accept(m));
      if (hit) return hit.t - action;
    }
    await page.waitForTimeout(20);
  }
  throw new Error('the map did not redraw after the action');
}

/** Waits for the first draw; on a timeout, says what the page showed instead. */
async function waitForDraw(page: Page): Promise<void> {
  try {
    await page.waitForSelector(READY, { state: 'attached', timeout: 90_000 });
  } catch (error) {
    const state = await page.evaluate(() => {
      const map = document.querySelector<HTMLElement>('[data-testid=choropleth]');
      const alert = document.querySelector('[role=alert]');
      return JSON.stringify({ map: map ? { ...map.dataset } : null, alert: alert?.textContent });
    });
    throw new Error(`${page.url()}: the map did not draw (${state})`, { cause: error });
  }
}

export interface PaintRun {
  /** The first choropleth on screen: the server's SVG, or the interactive map if it came first. */
  firstPaintMs: number;
  /** The interactive map's first draw. */
  firstInteractiveMs: number;
  /** Measure select count → per_1000: a new API query, same boundaries. */
  metricRepaintMs: number;
  /** Level toggle to another level: new boundaries and a new API query. */
  levelRepaintMs: number;
  featureCount: number;
}

/**
 * One cold visit in a new context: first draw of `path`, then a metric change, then a level
 * change (`levelButton` is the toggle's accessible name, `levelCount` the areas it draws).
 */
export async function paintRun(
  browser: Browser,
  origin: string,
  path: string,
  level: { button: string; count: number },
): Promise<PaintRun> {
  const context = await newContext(browser);
  try {
    const page = await context.newPage();
    await page.goto(`${origin}${path}`, { waitUntil: 'commit' });
    await waitForDraw(page);
    const marks = await page.evaluate(() => window.__benchReady ?? []);
    const first = marks[0];
    const map = marks.find((m) => m.source === 'map');
    if (!first || !map) throw new Error(`${path}: no draw recorded (${JSON.stringify(marks)})`);
    const before = map.breaks;

    await page.getByLabel('Measure', { exact: true }).selectOption('per_1000');
    const metricRepaintMs = await drawAfterAction(page, (m) => m.breaks !== before);

    const countBefore = map.count;
    await page
      .getByRole('group', { name: 'Areas' })
      .getByRole('button', { name: level.button, exact: true })
      .click();
    const levelRepaintMs = await drawAfterAction(
      page,
      (m) => m.count === String(level.count) && m.count !== countBefore,
    );
    return {
      firstPaintMs: first.t,
      firstInteractiveMs: map.t,
      metricRepaintMs,
      levelRepaintMs,
      featureCount: Number(map.count),
    };
  } finally {
    await context.close();
  }
}

export interface ScriptBytes {
  /** gzip bytes of every script whose response ended before the map's first draw. */
  untilDrawBytes: number;
  /** gzip bytes of every script whose response ended before the interactive map drew. */
  untilInteractiveBytes: number;
  /** gzip bytes of every script fetched until the page settled (drawn, network idle). */
  totalBytes: number;
  /** Of those, the ones the HTML asks for before any dynamic import. */
  initialBytes: number;
  /** ms from navigation start to the first draw. */
  drawnAtMs: number;
  /** ms from navigation start to the interactive map's first draw. */
  interactiveAtMs: number;
  scripts: {
    url: string;
    bytes: number;
    initial: boolean;
    beforeDraw: boolean;
    beforeInteractive: boolean;
  }[];
}

/** Scripts a first visit transfers (cold cache, new context), by encodedBodySize. */
export async function scriptBytes(browser: Browser, url: string): Promise<ScriptBytes> {
  const context = await newContext(browser);
  try {
    const page = await context.newPage();
    const response = await page.goto(url, { waitUntil: 'load' });
    // Scripts named in the HTML itself; the runtime later adds tags for dynamic chunks too.
    const html = (await response?.text()) ?? '';
    const initial = [...html.matchAll(/<script[^>]*\ssrc="([^"]+)"/g)].map(
      (m) => new URL((m[1] ?? '').replaceAll('&amp;', '&'), url).href,
    );
    await waitForDraw(page);
    await page.waitForLoadState('networkidle');
    const { entries, drawnAt, interactiveAt } = await page.evaluate(() => ({
      drawnAt: window.__benchReady?.[0]?.t ?? null,
      interactiveAt: window.__benchReady?.find((m) => m.source === 'map')?.t ?? null,
      entries: performance.getEntriesByType('resource').map((e) => {
        const r = e as PerformanceResourceTiming;
        return {
          url: r.name,
          type: r.initiatorType,
          encoded: r.encodedBodySize,
          end: r.responseEnd,
        };
      }),
    }));
    if (drawnAt === null || interactiveAt === null) throw new Error(`${url}: no draw recorded`);
    const scripts = entries
      .filter((e) => e.type === 'script' || /\.m?js(\?|$)/.test(new URL(e.url).pathname))
      .map((e) => ({
        url: e.url,
        bytes: e.encoded,
        initial: initial.includes(e.url),
        beforeDraw: e.end <= drawnAt,
        beforeInteractive: e.end <= interactiveAt,
      }));
    if (scripts.some((s) => s.bytes === 0)) {
      throw new Error(`a script reported encodedBodySize 0 on a cold context (${url})`);
    }
    scripts.sort((a, b) => b.bytes - a.bytes);
    const sum = (list: typeof scripts) => list.reduce((total, s) => total + s.bytes, 0);
    return {
      untilDrawBytes: sum(scripts.filter((s) => s.beforeDraw)),
      untilInteractiveBytes: sum(scripts.filter((s) => s.beforeInteractive)),
      totalBytes: sum(scripts),
      initialBytes: sum(scripts.filter((s) => s.initial)),
      drawnAtMs: drawnAt,
      interactiveAtMs: interactiveAt,
      scripts,
    };
  } finally {
    await context.close();
  }
}

export interface ManifestBytes {
  /** zlib level 6 bytes, on disk, of the chunks the route needs to draw its map. */
  bytes: number;
  files: string[];
}

/** The chunk group of a dynamic import that draws the map: it holds the deck.gl engine. */
const MAP_MARKER = 'map-attribution';

/**
 * The independent count: from the build's own manifests, the scripts a route needs before its
 * interactive map can draw (the server's SVG needs none: tests/e2e/first-draw.spec.ts draws it
 * with scripts off): the root main files (build-manifest.json), the layout's and the page's client
 * entry chunks (<route>_client-reference-manifest.js), and the one `next/dynamic` chunk group
 * (react-loadable-manifest.json) that holds the map (MAP_MARKER). Other dynamic groups (the
 * charts) are left out: they wait for the draw by design. `route` is e.g. "page" or
 * "embed/map/page"; `buildDir` is the `.next` directory.
 */
export function manifestScriptBytes(buildDir: string, route: string): ManifestBytes {
  const read = (file: string) => readFileSync(path.join(buildDir, file), 'utf8');
  const build = JSON.parse(read('build-manifest.json')) as { rootMainFiles: string[] };
  // The manifest is a script that assigns globalThis.__RSC_MANIFEST: run it in an empty context.
  const sandbox: { __RSC_MANIFEST?: Record<string, { entryJSFiles: Record<string, string[]> }> } =
    {};
  runInNewContext(read(`server/app/${route}_client-reference-manifest.js`), sandbox);
  const rsc = sandbox.__RSC_MANIFEST?.[`/${route}`];
  if (!rsc) throw new Error(`no client reference manifest for /${route}`);
  const entries = [
    ...(rsc.entryJSFiles['[project]/app/layout'] ?? []),
    ...(rsc.entryJSFiles[`[project]/app/${route}`] ?? []),
  ];
  if (entries.length === 0) throw new Error(`no entry chunks for /${route}`);
  const loadable = JSON.parse(read(`server/app/${route}/react-loadable-manifest.json`)) as Record<
    string,
    { files: string[] }
  >;
  const mapGroups = Object.values(loadable).filter((group) =>
    group.files.some((file) => read(file).includes(MAP_MARKER)),
  );
  if (mapGroups.length !== 1) {
    throw new Error(
      `/${route}: expected one dynamic chunk group with the map, found ${mapGroups.length}`,
    );
  }
  const files = [...new Set([...build.rootMainFiles, ...entries, ...mapGroups[0]!.files])].filter(
    (file) => file.endsWith('.js'),
  );
  const bytes = files.reduce(
    (total, file) => total + gzipSync(readFileSync(path.join(buildDir, file)), { level: 6 }).length,
    0,
  );
  return { bytes, files };
}

const kb = (bytes: number) => bytes / 1024;

/** Every browser figure: draws (median of cold visits) and script bytes, each with its goal. */
export async function browserFigures(
  origin: string,
  note: string,
  buildDir: string,
): Promise<Figures> {
  const browser = await launchBrowser();
  try {
    const runs: PaintRun[] = [];
    for (let i = 0; i < PAINT_RUNS; i++) {
      runs.push(await paintRun(browser, origin, DASHBOARD, OTHER_LEVEL));
    }
    console.log('\nweb bench: draws (ms from navigation start / from the action)');
    console.table(runs);
    const dashboard = await scriptBytes(browser, `${origin}${DASHBOARD}`);
    const embed = await scriptBytes(browser, `${origin}${EMBED}`);
    const manifest = {
      dashboard: manifestScriptBytes(buildDir, 'page'),
      embed: manifestScriptBytes(buildDir, 'embed/map/page'),
    };
    for (const [name, bytes] of [
      ['dashboard', dashboard],
      ['embed', embed],
    ] as const) {
      console.log(
        `\nweb bench: ${name} scripts (gzip KB, largest first; drawn at ${Math.round(bytes.drawnAtMs)} ms, interactive at ${Math.round(bytes.interactiveAtMs)} ms)`,
      );
      console.table(
        bytes.scripts.map((s) => ({
          script: new URL(s.url).pathname,
          KB: +kb(s.bytes).toFixed(1),
          initial: s.initial,
          'before draw': s.beforeDraw,
          'before interactive': s.beforeInteractive,
        })),
      );
    }
    const runsNote = `median of ${PAINT_RUNS} cold visits; ${note}`;
    const bytesNote = (bytes: ScriptBytes) =>
      `scripts whose response ended before the first draw; ${Math.round(kb(bytes.initialBytes))} KB in the HTML, ${Math.round(kb(bytes.totalBytes))} KB by network idle`;
    return {
      'web.paint.first_choropleth_ms': figure(
        median(runs.map((r) => r.firstPaintMs)),
        'ms',
        BROWSER_GOALS.firstPaintMs,
        runsNote,
      ),
      'web.paint.first_interactive_ms': figure(
        median(runs.map((r) => r.firstInteractiveMs)),
        'ms',
        null,
        `the interactive map's first draw (the first draw above is the server's SVG); ${runsNote}`,
      ),
      'web.paint.repaint_metric_ms': figure(
        median(runs.map((r) => r.metricRepaintMs)),
        'ms',
        BROWSER_GOALS.metricRepaintMs,
        `count → per_1000; ${runsNote}`,
      ),
      'web.paint.repaint_level_ms': figure(
        median(runs.map((r) => r.levelRepaintMs)),
        'ms',
        null,
        `neighborhood → district (new boundaries); ${runsNote}`,
      ),
      'web.js.dashboard_kb': figure(
        kb(dashboard.untilDrawBytes),
        'KB',
        BROWSER_GOALS.dashboardKb,
        bytesNote(dashboard),
      ),
      'web.js.embed_kb': figure(
        kb(embed.untilDrawBytes),
        'KB',
        BROWSER_GOALS.embedKb,
        bytesNote(embed),
      ),
      'web.js.dashboard_interactive_kb': figure(
        kb(dashboard.untilInteractiveBytes),
        'KB',
        null,
        'scripts whose response ended before the interactive map drew',
      ),
      'web.js.embed_interactive_kb': figure(
        kb(embed.untilInteractiveBytes),
        'KB',
        null,
        'scripts whose response ended before the interactive map drew',
      ),
      'web.js.dashboard_manifest_kb': figure(
        kb(manifest.dashboard.bytes),
        'KB',
        BROWSER_GOALS.dashboardKb,
        `independent count: the build manifests' chunks for / until the interactive map can draw (${manifest.dashboard.files.length} files, zlib 6 on disk)`,
      ),
      'web.js.embed_manifest_kb': figure(
        kb(manifest.embed.bytes),
        'KB',
        BROWSER_GOALS.embedKb,
        `independent count: the build manifests' chunks for /embed/map until the interactive map can draw (${manifest.embed.files.length} files, zlib 6 on disk)`,
      ),
    };
  } finally {
    await browser.close();
  }
}
