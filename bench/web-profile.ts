/**
 * What a varied view costs the warehouse, without HTTP: the web bench's seeded mix (web-mix.ts)
 * run through the query layer one view at a time on a published file, with the DuckDB queries
 * each view runs and the milliseconds it takes. A quick loop for query work; the figures that
 * count are still the web bench's (50 connections, against the static floor).
 *
 *   npx tsx --conditions react-server bench/web-profile.ts <warehouse.duckdb> [views] [endpoint,...]
 *
 * With `--answers <file>` it writes every view's answer (generatedAt left out) as JSON lines,
 * so two versions of the query layer can be compared answer for answer.
 *
 * With `--floors` it prints what no view can go below instead: one DuckDB round trip
 * (`select 1`), the smallest aggregate a view runs (one level and month range of
 * mart_area_month_total, a different range each time) unprepared and prepared, and the marts'
 * rows per loaded request (docs/bench.md cites these).
 */
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { getAreaProfile } from '@/lib/queries/area-profile';
import { getBreakdown } from '@/lib/queries/breakdown';
import { parseChartParams } from '@/lib/queries/chart-context';
import { getChoropleth } from '@/lib/queries/choropleth';
import { getCities, getFilterOptions } from '@/lib/queries/cities';
import { getHeatmap } from '@/lib/queries/heatmap';
import { getResolution } from '@/lib/queries/resolution';
import { getTrends } from '@/lib/queries/trends';
import {
  areaParams,
  breakdownParams,
  heatmapParams,
  resolutionParams,
  trendsParams,
} from '@/lib/api/params';
import { parseView } from '@/lib/view/schema';
import { openDuckDb, openPublishedDuckDb } from '@/lib/warehouse/duckdb/connection';
import type { Param, Row, Warehouse } from '@/lib/warehouse/types';
import { drawViews, MIX_ENDPOINTS, mixValuesOf, type MixEndpoint, type MixValues } from './web-mix';

const CITY = 'san-francisco';
const MIX_SEED = 311;

function counting(wh: Warehouse) {
  const stats = { queries: 0, bySql: new Map<string, { n: number; ms: number }>() };
  const wrapped: Warehouse = {
    dialect: wh.dialect,
    async query<T extends Row = Row>(sql: string, params?: readonly Param[]) {
      stats.queries += 1;
      const started = performance.now();
      try {
        return await wh.query<T>(sql, params);
      } finally {
        const key = sql.replace(/\s+/g, ' ').slice(0, 110);
        const entry = stats.bySql.get(key) ?? { n: 0, ms: 0 };
        entry.n += 1;
        entry.ms += performance.now() - started;
        stats.bySql.set(key, entry);
      }
    },
    close: () => wh.close(),
  };
  return { wh: wrapped, stats };
}

async function answer(wh: Warehouse, endpoint: MixEndpoint, url: string): Promise<unknown> {
  const search = new URL(url, 'http://x').searchParams;
  switch (endpoint) {
    case 'choropleth': {
      const parsed = parseView(search);
      if (!parsed.ok) throw new Error(parsed.error);
      return getChoropleth(wh, parsed.view);
    }
    case 'trends': {
      const { view, own } = parseChartParams(search, trendsParams);
      return getTrends(wh, view, own);
    }
    case 'breakdown': {
      const { view, own } = parseChartParams(search, breakdownParams);
      return getBreakdown(wh, view, own);
    }
    case 'heatmap': {
      const { view, own } = parseChartParams(search, heatmapParams);
      return getHeatmap(wh, view, own);
    }
    case 'resolution': {
      const { view, own } = parseChartParams(search, resolutionParams);
      return getResolution(wh, view, { limit: own.limit });
    }
    case 'area_profile': {
      const { view } = parseChartParams(search, areaParams);
      return getAreaProfile(wh, view);
    }
  }
}

async function mixValues(wh: Warehouse): Promise<MixValues> {
  const city = (await getCities(wh)).cities.find((c) => c.id === CITY);
  if (!city?.firstMonth || !city.lastMonth) throw new Error(`no ${CITY} in the warehouse`);
  const range = { from: city.firstMonth, to: `${city.lastMonth.slice(0, 8)}28` };
  const view = (query: Record<string, string>) => {
    const parsed = parseView(new URLSearchParams(query));
    if (!parsed.ok) throw new Error(parsed.error);
    return parsed.view;
  };
  const options = await getFilterOptions(
    wh,
    view({ city: CITY, level: city.levels[0]?.id ?? '', ...range }),
  );
  const levels = [];
  for (const level of city.levels) {
    const map = await getChoropleth(wh, view({ city: CITY, level: level.id, ...range }));
    const areas = map.areas.filter((a) => a.count > 0).map((a) => a.area_key);
    if (areas.length) levels.push({ id: level.id, areas, population: level.hasPopulation });
  }
  return mixValuesOf(
    { ...city, firstMonth: city.firstMonth, lastMonth: city.lastMonth },
    options,
    levels,
  );
}

const cpuMs = (usage: NodeJS.CpuUsage) => (usage.user + usage.system) / 1000;

const stable = (value: unknown): unknown =>
  JSON.parse(JSON.stringify(value, (key, v: unknown) => (key === 'generatedAt' ? undefined : v)));

/** Mean milliseconds of `run` over `n` calls after a tenth as many warm-up calls. */
async function meanMs(n: number, run: (i: number) => Promise<unknown>): Promise<number> {
  for (let i = 0; i < Math.ceil(n / 10); i++) await run(i);
  const started = performance.now();
  for (let i = 0; i < n; i++) await run(i);
  return (performance.now() - started) / n;
}

async function floors(file: string, n: number) {
  // One connection, one thread, as a server connection runs (connection.ts serverThreads).
  const wh = await openDuckDb(file, { readOnly: true, threads: 1 });
  try {
    const [range] = await wh.query<{ first: string; last: string }>(
      `select strftime(min(month), '%Y-%m-%d') as first, strftime(max(month), '%Y-%m-%d') as last
       from mart_area_month_total where city = ?`,
      [CITY],
    );
    if (!range) throw new Error(`no ${CITY} in mart_area_month_total`);
    const months: string[] = (
      await wh.query<{ m: string }>(
        `select distinct strftime(month, '%Y-%m-%d') as m from mart_area_month_total
         where city = ? order by 1`,
        [CITY],
      )
    ).map((r) => r.m);
    const aggregate = `select area_key, is_problem_first, sum(opened) as opened,
      sum(still_open) as still_open, sum(res_n) as res_n, sum(res_hours_sum) as hours
      from mart_area_month_total where city = ? and level = ?
        and month between cast(? as date) and cast(? as date) group by all`;
    const level = (
      await wh.query<{ level: string }>(
        `select level from dim_area where city = ? group by level order by count(*) desc limit 1`,
        [CITY],
      )
    )[0]?.level;
    if (!level) throw new Error(`no ${CITY} areas`);
    // A different 12-month range each call (no answer repeats; prepared statements may).
    const paramsOf = (i: number) => {
      const from = months[i % Math.max(1, months.length - 12)]!;
      const to = months[Math.min(months.length - 1, months.indexOf(from) + 11)]!;
      return [CITY, level, from, to];
    };
    // As connection.ts keeps them: the same statement bound to new parameters.
    const statement = await wh.connection.prepare(aggregate);
    const marts = await wh.query<{ rows: number }>(
      `select sum(estimated_size) as rows from duckdb_tables() where table_name like 'mart_%'`,
    );
    const [facts] = await wh.query<{ n: number }>(
      'select count(*) as n from fact_requests where city = ?',
      [CITY],
    );
    console.table([
      { figure: 'round trip, select 1 (ms)', value: await meanMs(n, () => wh.query('select 1')) },
      {
        figure: `smallest aggregate, unprepared (ms; ${level}, 12 months)`,
        value: await meanMs(n, async (i) =>
          (await wh.connection.runAndReadAll(aggregate, paramsOf(i))).getRowObjectsJS(),
        ),
      },
      {
        figure: 'the same, prepared once (ms)',
        value: await meanMs(n, async (i) => {
          statement.bind(paramsOf(i));
          return (await statement.runAndReadAll()).getRowObjectsJS();
        }),
      },
      {
        figure: 'mart rows per loaded request',
        value: Number(marts[0]?.rows ?? 0) / Math.max(1, Number(facts?.n ?? 0)),
      },
    ]);
    statement.destroySync();
  } finally {
    await wh.close();
  }
}

async function main() {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: {
      answers: { type: 'string' },
      concurrency: { type: 'string', default: '1' },
      floors: { type: 'boolean', default: false },
    },
  });
  const [file, count = '200', only] = positionals;
  if (!file) throw new Error('usage: web-profile.ts <warehouse.duckdb> [views] [endpoints]');
  if (values.floors) {
    await floors(file, Number(count));
    return;
  }
  const published = openPublishedDuckDb(file);
  const { wh, stats } = counting(published);
  const mix = await mixValues(wh);
  const endpoints = only ? (only.split(',') as MixEndpoint[]) : [...MIX_ENDPOINTS];
  const unknown = endpoints.filter((e) => !(MIX_ENDPOINTS as readonly string[]).includes(e));
  if (unknown.length) {
    throw new Error(
      `unknown endpoint ${unknown.join(', ')}: choose from ${MIX_ENDPOINTS.join(', ')}`,
    );
  }
  const lines: string[] = [];
  const table = [];
  for (const endpoint of endpoints) {
    const index = MIX_ENDPOINTS.indexOf(endpoint);
    const views = drawViews(endpoint, mix, Number(count), MIX_SEED + index);
    const before = stats.queries;
    const started = performance.now();
    const cpu = process.cpuUsage();
    const times: number[] = [];
    let failed = 0;
    const answers: string[] = new Array<string>(views.length);
    let next = 0;
    const worker = async () => {
      for (let i = next++; i < views.length; i = next++) {
        const url = views[i]!;
        const t = performance.now();
        try {
          const body = await answer(wh, endpoint, url);
          answers[i] = JSON.stringify({ url, body: stable(body) });
        } catch (error) {
          failed += 1;
          answers[i] = JSON.stringify({ url, error: String(error) });
        }
        times.push(performance.now() - t);
      }
    };
    await Promise.all(Array.from({ length: Number(values.concurrency) }, worker));
    if (values.answers) lines.push(...answers);
    times.sort((a, b) => a - b);
    if (process.env.PROFILE_SQL === '1') {
      const rows = [...stats.bySql].map(([sql, e]) => ({
        sql,
        n: e.n,
        'ms each': +(e.ms / e.n).toFixed(2),
      }));
      console.table(rows.sort((a, b) => b['ms each'] * b.n - a['ms each'] * a.n).slice(0, 12));
      stats.bySql.clear();
    }
    table.push({
      endpoint,
      views: views.length,
      'views/s': +(views.length / ((performance.now() - started) / 1000)).toFixed(1),
      // Process CPU (Node and DuckDB's threads) per view: less at the mercy of others' load.
      'cpu ms/view': +(cpuMs(process.cpuUsage(cpu)) / views.length).toFixed(2),
      'p95 ms': +(times[Math.floor(times.length * 0.95)] ?? 0).toFixed(2),
      'queries/view': +((stats.queries - before) / views.length).toFixed(2),
      failed,
    });
  }
  console.table(table);
  if (values.answers) writeFileSync(values.answers, `${lines.join('\n')}\n`);
  await published.close();
}

await main();
