/**
 * The browser half of the web bench, in Debian's headless Chromium with the e2e flags: time to the
 * first drawn choropleth, time to redraw after a filter change, and the JavaScript a first visit
 * transfers. Draw times come from the page's own clock (performance.now(), zero at navigation
 * start), recorded by an observer of `data-ready` installed before any app script runs.
 */
import { chromium, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { CHROMIUM_ARGS, chromiumExecutablePath } from '@/tools/chromium';

const READY = '[data-testid=choropleth][data-ready=true]';

interface ReadyMark {
  t: number;
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
  new MutationObserver((mutations) => {
    for (const mutation of mutations) {
      const el = mutation.target as HTMLElement;
      if (el.dataset.testid !== 'choropleth' || el.dataset.ready !== 'true') continue;
      window.__benchReady?.push({
        t: performance.now(),
        count: el.dataset.featureCount ?? null,
        breaks: document.querySelector('[data-testid=legend]')?.getAttribute('data-breaks') ?? null,
      });
    }
  }).observe(document, { attributes: true, attributeFilter: ['data-ready'], subtree: true });
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
      const hit = marks.find((m) => m.t >= action && accept(m));
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
  firstPaintMs: number;
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
    const first = await page.evaluate(() => window.__benchReady?.[0] ?? null);
    if (!first) throw new Error('no draw recorded');
    const before = first.breaks;

    await page.getByLabel('Measure', { exact: true }).selectOption('per_1000');
    const metricRepaintMs = await drawAfterAction(page, (m) => m.breaks !== before);

    const countBefore = first.count;
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
      metricRepaintMs,
      levelRepaintMs,
      featureCount: Number(first.count),
    };
  } finally {
    await context.close();
  }
}

export interface ScriptBytes {
  /** gzip bytes of every script fetched until the page settled (map drawn, network idle). */
  totalBytes: number;
  /** Of those, the ones the HTML asks for before any dynamic import. */
  initialBytes: number;
  scripts: { url: string; bytes: number; initial: boolean }[];
}

/** Scripts a first visit transfers (cold cache, new context), by encodedBodySize. */
export async function scriptBytes(
  browser: Browser,
  url: string,
  waitForMap: boolean,
): Promise<ScriptBytes> {
  const context = await newContext(browser);
  try {
    const page = await context.newPage();
    const response = await page.goto(url, { waitUntil: 'load' });
    // Scripts named in the HTML itself; the runtime later adds tags for dynamic chunks too.
    const html = (await response?.text()) ?? '';
    const initial = [...html.matchAll(/<script[^>]*\ssrc="([^"]+)"/g)].map(
      (m) => new URL((m[1] ?? '').replaceAll('&amp;', '&'), url).href,
    );
    if (waitForMap) await waitForDraw(page);
    await page.waitForLoadState('networkidle');
    const entries = await page.evaluate(() =>
      performance.getEntriesByType('resource').map((e) => {
        const r = e as PerformanceResourceTiming;
        return { url: r.name, type: r.initiatorType, encoded: r.encodedBodySize };
      }),
    );
    const scripts = entries
      .filter((e) => e.type === 'script' || /\.m?js(\?|$)/.test(new URL(e.url).pathname))
      .map((e) => ({ url: e.url, bytes: e.encoded, initial: initial.includes(e.url) }));
    if (scripts.some((s) => s.bytes === 0)) {
      throw new Error(`a script reported encodedBodySize 0 on a cold context (${url})`);
    }
    scripts.sort((a, b) => b.bytes - a.bytes);
    const sum = (list: typeof scripts) => list.reduce((total, s) => total + s.bytes, 0);
    return {
      totalBytes: sum(scripts),
      initialBytes: sum(scripts.filter((s) => s.initial)),
      scripts,
    };
  } finally {
    await context.close();
  }
}
