/**
 * The web half of `npm run bench`: the real app (`next start`) over a warehouse of generated
 * SF-shaped requests loaded by the real pipeline, measured against floors served by the same
 * server. Runs alone with `npx tsx bench/web.ts [--requests 2000] [--rows 10000000]`.
 *
 * - API latency (p50/p95/p99 at 50 keep-alive connections) of the map and chart endpoints, and
 *   p95 of the same bodies served as static files: the ratio is what the queries cost. Twice:
 *   every request the same view (the per-file answer cache answers), and a seeded mix of varied
 *   views where no two requests are alike (bench/web-mix.ts), with the cache hit rate beside it.
 * - In headless Chromium: first choropleth draw, redraw after a metric and a level change.
 * - gzip bytes of JavaScript a first visit transfers (dashboard, embed), and of each boundary.
 * Details and the last measured figures: docs/bench.md.
 */
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import { figure, type Figures } from './figures';
import { browserFigures } from './web-browser';
import { loadTest, percentile } from './web-load';
import { drawViews, MIX_ENDPOINTS, mixValuesOf, type MixValues } from './web-mix';
import { ensureBuild, snapshotBuild, startApp, type RunningApp } from './web-server';
import { ensureWarehouse, rowsLabel } from './web-warehouse';

/** BENCH_PORT overrides it (helpers sharing a machine each take their own). */
const PORT = Number(process.env.BENCH_PORT ?? 3300);
/** Seed of the varied mix: the same views every run. */
const MIX_SEED = 311;
const CONNECTIONS = 50;
const WARMUP = 100;
/** The scale: a warehouse of 10 M generated requests (BENCH_WEB_ROWS overrides). */
const DEFAULT_ROWS = 10_000_000;

const CITY = 'san-francisco';

/**
 * The identical-request endpoints, named as in the figures (`web.<name>.p95_ms`); each one's
 * body is also its static floor. The varied mix of an endpoint (`web.<name>_varied.*`) is set
 * against the floor of the endpoint of the same name.
 */
export function webEndpoints(area: string): Record<string, string> {
  const base = `city=${CITY}&level=neighborhood`;
  return {
    choropleth: `/api/choropleth?${base}&metric=count`,
    choropleth_long: `/api/choropleth?${base}&metric=count&from=2010-01-01&to=2025-12-31`,
    trends: `/api/trends?${base}`,
    breakdown: `/api/breakdown?${base}`,
    heatmap: `/api/heatmap?${base}`,
    resolution: `/api/resolution?${base}`,
    area_profile: `/api/area?${base}&area=${encodeURIComponent(area)}`,
  };
}

export interface WebBenchOptions {
  /** Measured requests per endpoint (after 100 warm-up ones); default 2,000. */
  requests?: number;
  /** Generated requests in the warehouse; default 5.5 M (see DEFAULT_ROWS), or BENCH_WEB_ROWS. */
  rows?: number;
}

const kb = (bytes: number) => bytes / 1024;

/** gzip (zlib level 6) size of every simplified boundary the browser downloads. */
function boundaryFigures(root: string): Figures {
  const figures: Figures = {};
  const base = path.join(root, 'public', 'geojson');
  for (const city of readdirSync(base).sort()) {
    for (const file of readdirSync(path.join(base, city)).sort()) {
      if (!file.endsWith('.geojson')) continue;
      const raw = readFileSync(path.join(base, city, file));
      const gzip = gzipSync(raw, { level: 6 }).length;
      figures[`web.boundary.${city}.${file.replace(/\.geojson$/, '')}.gzip_kb`] = figure(
        kb(gzip),
        'KB',
        150,
        `raw ${Math.round(kb(raw.length))} KB`,
      );
    }
  }
  return figures;
}

async function getJson<T>(origin: string, url: string): Promise<T> {
  const response = await fetch(`${origin}${url}`);
  const body = await response.text();
  if (!response.ok) throw new Error(`${url} answered ${response.status}: ${body.slice(0, 200)}`);
  return JSON.parse(body) as T;
}

/** What the varied mix draws from: the city's levels, areas, types, categories and channels. */
async function mixValues(origin: string): Promise<MixValues> {
  const { cities } = await getJson<{
    cities: {
      id: string;
      firstMonth: string;
      lastMonth: string;
      metrics: string[];
      levels: { id: string; hasPopulation: boolean }[];
    }[];
  }>(origin, '/api/cities');
  const city = cities.find((c) => c.id === CITY);
  if (!city) throw new Error(`the bench warehouse has no ${CITY}`);
  const range = `from=${city.firstMonth}&to=${city.lastMonth.slice(0, 8)}28`;
  type Option = { value: string; count: number }[];
  const options = await getJson<{ type: Option; category: Option; channel: Option }>(
    origin,
    `/api/choropleth/options?city=${CITY}&${range}`,
  );
  const levels = [];
  for (const level of city.levels) {
    const answer = await getJson<{ areas: { area_key: string; count: number }[] }>(
      origin,
      `/api/choropleth?city=${CITY}&level=${level.id}&${range}`,
    );
    const areas = answer.areas.filter((a) => a.count > 0).map((a) => a.area_key);
    if (areas.length) levels.push({ id: level.id, areas, population: level.hasPopulation });
  }
  return mixValuesOf(city, options, levels);
}

/** Fetches each endpoint once and writes the body where `next start` serves it statically. */
async function writeStaticCopies(
  origin: string,
  dir: string,
  endpoints: Record<string, string>,
): Promise<Record<string, number>> {
  mkdirSync(dir, { recursive: true });
  const sizes: Record<string, number> = {};
  for (const [name, url] of Object.entries(endpoints)) {
    const response = await fetch(`${origin}${url}`);
    const body = await response.text();
    if (!response.ok) throw new Error(`${url} answered ${response.status}: ${body.slice(0, 200)}`);
    writeFileSync(path.join(dir, `${name}.json`), body);
    sizes[name] = body.length;
  }
  return sizes;
}

/** Reads the server's answer-cache counts (DUCKDB_CACHE_STATS_FILE, written within 100 ms). */
async function cacheCounts(file: string): Promise<{ hits: number; misses: number }> {
  await new Promise((resolve) => setTimeout(resolve, 300));
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as { hits: number; misses: number };
  } catch {
    return { hits: 0, misses: 0 };
  }
}

interface Measured {
  p50: number;
  p95: number;
  p99: number;
  reqPerS: number;
  errors: number;
}

function measured(result: Awaited<ReturnType<typeof loadTest>>, requests: number): Measured {
  if (result.latenciesMs.length === 0) throw new Error('every request failed');
  return {
    p50: percentile(result.latenciesMs, 50),
    p95: percentile(result.latenciesMs, 95),
    p99: percentile(result.latenciesMs, 99),
    reqPerS: requests / result.seconds,
    errors: result.errors,
  };
}

async function apiFigures(
  app: RunningApp,
  requests: number,
  note: string,
  sizes: Record<string, number>,
  endpoints: Record<string, string>,
  values: MixValues,
  statsFile: string,
): Promise<{ figures: Figures; table: Record<string, string | number>[] }> {
  const figures: Figures = {};
  const table: Record<string, string | number>[] = [];
  const options = { total: requests, warmup: WARMUP, connections: CONNECTIONS };
  const row = (
    name: string,
    m: Measured,
    floor: Measured,
    extra: Record<string, string | number>,
  ) =>
    table.push({
      endpoint: name,
      'p50 ms': +m.p50.toFixed(1),
      'p95 ms': +m.p95.toFixed(1),
      'p99 ms': +m.p99.toFixed(1),
      'req/s': Math.round(m.reqPerS),
      'static p95 ms': +floor.p95.toFixed(1),
      'static req/s': Math.round(floor.reqPerS),
      'p95 ÷ static': +(m.p95 / floor.p95).toFixed(2),
      failed: m.errors,
      ...extra,
    });
  const put = (key: string, m: Measured, floor: Measured, runNote: string) => {
    figures[`${key}.p50_ms`] = figure(m.p50, 'ms', null, runNote);
    figures[`${key}.p95_ms`] = figure(m.p95, 'ms', null, runNote);
    figures[`${key}.p99_ms`] = figure(m.p99, 'ms', null, runNote);
    figures[`${key}.static_p95_ms`] = figure(floor.p95, 'ms', null, runNote);
    figures[`${key}.p95_vs_static`] = figure(m.p95 / floor.p95, 'ratio', 3, runNote);
  };
  const floors = new Map<string, Measured>();
  for (const [name, url] of Object.entries(endpoints)) {
    console.log(`web bench: ${name} (${requests} identical requests, ${CONNECTIONS} connections)`);
    const api = measured(await loadTest(`${app.origin}${url}`, options), requests);
    const floor = measured(
      await loadTest(`${app.origin}/bench-static/${name}.json`, options),
      requests,
    );
    floors.set(name, floor);
    // Failed requests (non-200, or no answer in 60 s) are left out of the percentiles: say so.
    const failed =
      api.errors + floor.errors > 0
        ? `; FAILED: ${api.errors} API, ${floor.errors} static of ${requests}`
        : '';
    put(
      `web.${name}`,
      api,
      floor,
      `${note}; every request the same view; ${requests} requests after ${WARMUP} warm-up${failed}`,
    );
    row(name, api, floor, { 'body KB': +kb(sizes[name] ?? 0).toFixed(1) });
  }
  for (const [index, name] of MIX_ENDPOINTS.entries()) {
    const floor = floors.get(name);
    if (!floor) throw new Error(`no static floor for ${name}`);
    // Measured views and warm-up views from one seeded stream: the warm-up never repeats one.
    const views = drawViews(name, values, requests + WARMUP, MIX_SEED + index);
    const measuredViews = views.slice(0, requests).map((v) => `${app.origin}${v}`);
    const warmupViews = views.slice(requests).map((v) => `${app.origin}${v}`);
    console.log(`web bench: ${name}_varied (${measuredViews.length} distinct views)`);
    // The mix must measure answers, not refusals: fail before measuring if a sample is refused.
    await checkMixAnswers(app.origin, views.slice(requests, requests + 40));
    const before = await cacheCounts(statsFile);
    const result = await loadTest(measuredViews, { ...options, warmupUrls: warmupViews });
    const after = await cacheCounts(statsFile);
    const api = measured(result, requests);
    const hits = after.hits - before.hits;
    const lookups = hits + after.misses - before.misses;
    const hitPct = lookups > 0 ? (hits / lookups) * 100 : 0;
    const failed = api.errors > 0 ? `; FAILED: ${api.errors} of ${requests}` : '';
    const runNote =
      `${note}; ${measuredViews.length} distinct views (seed ${MIX_SEED + index}), ` +
      `${requests} requests after ${WARMUP} warm-up ones of other views; ` +
      `answer cache ${hitPct.toFixed(1)} % of ${lookups} queries (warm-up included)${failed}`;
    const key = `web.${name}_varied`;
    put(key, api, floor, runNote);
    figures[`${key}.distinct_views`] = figure(measuredViews.length, 'views', null, runNote);
    figures[`${key}.cache_hit_pct`] = figure(hitPct, '%', null, runNote);
    row(`${name}_varied`, api, floor, {
      views: measuredViews.length,
      'cache hit %': +hitPct.toFixed(1),
    });
  }
  return { figures, table };
}

/** Each of `views` must answer 200 (the check warms no measured view: it is the warm-up's job). */
async function checkMixAnswers(origin: string, views: readonly string[]): Promise<void> {
  for (const view of views) {
    const response = await fetch(`${origin}${view}`);
    const body = await response.text();
    if (!response.ok) throw new Error(`${view} answered ${response.status}: ${body.slice(0, 200)}`);
  }
}

export async function runWebBench(options: WebBenchOptions = {}): Promise<Figures> {
  const started = performance.now();
  const root = process.cwd();
  const requests = options.requests ?? 2000;
  const rows = options.rows ?? Number(process.env.BENCH_WEB_ROWS ?? DEFAULT_ROWS);
  const figures: Figures = {};

  const warehouse = ensureWarehouse(root, rows);
  const note = `SF-shaped, ${rowsLabel(rows)} generated requests`;
  figures['web.warehouse.rows'] = figure(rows, 'rows', null, note);
  const buildNote = `${note}; ${warehouse.built ? 'built in this run' : 'measured when built'}`;
  if (warehouse.pipelineSeconds !== undefined) {
    figures['web.warehouse.pipeline_seconds'] = figure(
      warehouse.pipelineSeconds,
      's',
      null,
      buildNote,
    );
  }
  if (warehouse.pipelinePeakMb !== undefined) {
    figures['web.warehouse.pipeline_peak_mb'] = figure(
      warehouse.pipelinePeakMb,
      'MB',
      null,
      buildNote,
    );
  }
  Object.assign(figures, boundaryFigures(root));

  await ensureBuild(root);
  const appDir = await snapshotBuild(root);
  const staticDir = path.join(root, 'public', 'bench-static');
  const statsFile = path.join(appDir, 'cache-stats.json');
  const env = { DUCKDB_PATH: warehouse.warehouse, DUCKDB_CACHE_STATS_FILE: statsFile };
  let app: RunningApp | undefined;
  try {
    app = await startApp(appDir, PORT, env);
    const values = await mixValues(app.origin);
    const firstArea = values.levels.find((l) => l.id === 'neighborhood')?.areas[0];
    if (!firstArea) throw new Error('the bench warehouse has no located neighborhood');
    const endpoints = webEndpoints(firstArea);
    const sizes = await writeStaticCopies(app.origin, staticDir, endpoints);
    // `next start` lists public/ when it starts: restart so the copies are served.
    await app.stop();
    app = await startApp(appDir, PORT, env);
    const api = await apiFigures(app, requests, note, sizes, endpoints, values, statsFile);
    Object.assign(figures, api.figures);
    console.log(`\nweb bench: API at ${CONNECTIONS} connections against the same bodies as files`);
    console.table(api.table);
    if (process.env.BENCH_WEB_SKIP_BROWSER !== '1') {
      Object.assign(figures, await browserFigures(app.origin, note, path.join(appDir, '.next')));
    }
  } finally {
    await app?.stop();
    rmSync(staticDir, { recursive: true, force: true });
    rmSync(appDir, { recursive: true, force: true });
  }
  figures['web.bench_seconds'] = figure(
    (performance.now() - started) / 1000,
    's',
    null,
    warehouse.built ? 'including the warehouse build' : 'warehouse reused',
  );
  return figures;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { requests: { type: 'string' }, rows: { type: 'string' } },
  });
  const figures = await runWebBench({
    ...(values.requests ? { requests: Number(values.requests) } : {}),
    ...(values.rows ? { rows: Number(values.rows) } : {}),
  });
  console.table(
    Object.entries(figures).map(([name, f]) => ({
      figure: name,
      value: f.value,
      unit: f.unit,
      goal: f.goal ?? '',
      pass: f.pass,
    })),
  );
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  await main();
}
