/**
 * The web half of `npm run bench`: the real app (`next start`) over a warehouse of generated
 * SF-shaped requests loaded by the real pipeline, measured against floors served by the same
 * server. Runs alone with `npx tsx bench/web.ts [--requests 2000] [--rows 10000000]`.
 *
 * - API latency (p50/p95/p99 at 50 keep-alive connections) of the map and chart endpoints, and
 *   p95 of the same bodies served as static files: the ratio is what the queries cost.
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
import { ensureBuild, snapshotBuild, startApp, type RunningApp } from './web-server';
import { ensureWarehouse, rowsLabel } from './web-warehouse';

const PORT = Number(process.env.BENCH_PORT ?? 3300);
const CONNECTIONS = 50;
const WARMUP = 100;
/** The scale: a warehouse of 10 M generated requests (BENCH_WEB_ROWS overrides). */
const DEFAULT_ROWS = 10_000_000;

/** The measured endpoints, named as in the figures (`web.<name>.p95_ms`). */
export const WEB_ENDPOINTS = {
  choropleth: '/api/choropleth?city=san-francisco&level=neighborhood&metric=count',
  choropleth_long:
    '/api/choropleth?city=san-francisco&level=neighborhood&metric=count&from=2010-01-01&to=2025-12-31',
  heatmap: '/api/heatmap?city=san-francisco&level=neighborhood',
  resolution: '/api/resolution?city=san-francisco&level=neighborhood',
} as const;

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

/** Fetches each endpoint once and writes the body where `next start` serves it statically. */
async function writeStaticCopies(origin: string, dir: string): Promise<Record<string, number>> {
  mkdirSync(dir, { recursive: true });
  const sizes: Record<string, number> = {};
  for (const [name, url] of Object.entries(WEB_ENDPOINTS)) {
    const response = await fetch(`${origin}${url}`);
    const body = await response.text();
    if (!response.ok) throw new Error(`${url} answered ${response.status}: ${body.slice(0, 200)}`);
    writeFileSync(path.join(dir, `${name}.json`), body);
    sizes[name] = body.length;
  }
  return sizes;
}

async function apiFigures(
  app: RunningApp,
  requests: number,
  note: string,
  sizes: Record<string, number>,
): Promise<{ figures: Figures; table: Record<string, string | number>[] }> {
  const figures: Figures = {};
  const table: Record<string, string | number>[] = [];
  const options = { total: requests, warmup: WARMUP, connections: CONNECTIONS };
  for (const [name, url] of Object.entries(WEB_ENDPOINTS)) {
    console.log(`web bench: ${name} (${requests} requests, ${CONNECTIONS} connections)`);
    const api = await loadTest(`${app.origin}${url}`, options);
    const floor = await loadTest(`${app.origin}/bench-static/${name}.json`, options);
    if (api.latenciesMs.length === 0 || floor.latenciesMs.length === 0) {
      throw new Error(`${name}: every request failed`);
    }
    // Failed requests (non-200, or no answer in 60 s) are left out of the percentiles: say so.
    const failed =
      api.errors + floor.errors > 0
        ? `; FAILED: ${api.errors} API, ${floor.errors} static of ${requests}`
        : '';
    const runNote = `${note}; ${requests} requests after ${WARMUP} warm-up${failed}`;
    const p50 = percentile(api.latenciesMs, 50);
    const p95 = percentile(api.latenciesMs, 95);
    const p99 = percentile(api.latenciesMs, 99);
    const staticP95 = percentile(floor.latenciesMs, 95);
    const key = `web.${name}`;
    figures[`${key}.p50_ms`] = figure(p50, 'ms', null, runNote);
    figures[`${key}.p95_ms`] = figure(p95, 'ms', null, runNote);
    figures[`${key}.p99_ms`] = figure(p99, 'ms', null, runNote);
    figures[`${key}.static_p95_ms`] = figure(staticP95, 'ms', null, runNote);
    figures[`${key}.p95_vs_static`] = figure(p95 / staticP95, 'ratio', 3, runNote);
    table.push({
      endpoint: name,
      'p50 ms': +p50.toFixed(1),
      'p95 ms': +p95.toFixed(1),
      'p99 ms': +p99.toFixed(1),
      'req/s': Math.round(requests / api.seconds),
      'static p50 ms': +percentile(floor.latenciesMs, 50).toFixed(1),
      'static p95 ms': +staticP95.toFixed(1),
      'static req/s': Math.round(requests / floor.seconds),
      'p95 ÷ static': +(p95 / staticP95).toFixed(2),
      failed: api.errors + floor.errors,
      'body KB': +kb(sizes[name] ?? 0).toFixed(1),
    });
  }
  return { figures, table };
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
  const env = { DUCKDB_PATH: warehouse.warehouse };
  let app: RunningApp | undefined;
  try {
    app = await startApp(appDir, PORT, env);
    const sizes = await writeStaticCopies(app.origin, staticDir);
    // `next start` lists public/ when it starts: restart so the copies are served.
    await app.stop();
    app = await startApp(appDir, PORT, env);
    const api = await apiFigures(app, requests, note, sizes);
    Object.assign(figures, api.figures);
    console.log(`\nweb bench: API at ${CONNECTIONS} connections against the same bodies as files`);
    console.table(api.table);
    Object.assign(figures, await browserFigures(app.origin, note, path.join(appDir, '.next')));
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
