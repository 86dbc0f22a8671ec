/**
 * When requests arrive: the weekday × hour grid from /api/patterns' query against an independent
 * count over Minneapolis' raw sample pages (DuckDB reads the JSON, the epoch milliseconds are
 * turned into Minneapolis wall-clock time by the JavaScript Intl time-zone database, not DuckDB's),
 * and the grid's cells adding up to the total the map reports for the same view.
 */
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

vi.mock('server-only', () => ({}));

import { getChoropleth } from '@/lib/queries/choropleth';
import { getCities } from '@/lib/queries/cities';
import { getPatterns } from '@/lib/queries/patterns';
import { type View } from '@/lib/view';
import { parseView } from '@/lib/view/schema';
import type { CitySummary, PatternsResponse } from '@/lib/api/types';
import { buildAppWarehouse, type AppWarehouse } from '../support/app-warehouse';
import { ROOT } from '../support/pipeline';

let app: AppWarehouse;
let cities: CitySummary[];

beforeAll(async () => {
  app = await buildAppWarehouse(['minneapolis', 'boston']);
  cities = (await getCities(app.wh)).cities;
}, 300_000);
afterAll(() => app?.close());

function view(query: Record<string, string>): View {
  const parsed = parseView(new URLSearchParams(query));
  if (!parsed.ok) throw new Error(parsed.error);
  return parsed.view;
}

const gridTotal = (data: PatternsResponse) =>
  data.rows.reduce((sum, row) => sum + row.counts.reduce((a, b) => a + b, 0), 0);

/** Minneapolis' raw pages: one opening instant (epoch ms, UTC) per distinct case. */
async function rawOpenings(): Promise<number[]> {
  const dir = path.join(ROOT, 'data/samples/minneapolis');
  const files = readdirSync(dir)
    .filter((name) => name.endsWith('.json'))
    .map((name) => path.join(dir, name).replaceAll("'", "''"));
  const db = await DuckDBInstance.create(':memory:');
  const con = await db.connect();
  try {
    const reader = await con.runAndReadAll(
      `with features as (
         select unnest(features) as f
         from read_json([${files.map((f) => `'${f}'`).join(', ')}], maximum_object_size = 100000000)
       )
       select f.attributes.CASEID as id, min(cast(f.attributes.OPENEDDATETIME as bigint)) as opened_ms
       from features group by 1`,
    );
    return reader.getRowObjectsJson().map((row) => Number(row.opened_ms));
  } finally {
    con.closeSync();
  }
}

const WEEKDAY = { Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6, Sun: 7 } as const;

/** Weekday (ISO) and hour of an instant on a city's wall clock, by Intl (independent of DuckDB). */
function localWeekdayHour(ms: number, timeZone: string): { weekday: number; hour: number } {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    weekday: 'short',
    hour: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(new Date(ms));
  const weekday = WEEKDAY[parts.find((p) => p.type === 'weekday')!.value as keyof typeof WEEKDAY];
  return { weekday, hour: Number(parts.find((p) => p.type === 'hour')!.value) };
}

describe('the weekday × hour grid', () => {
  it('equals an independent count over the raw Minneapolis pages, daylight saving included', async () => {
    const city = cities.find((c) => c.id === 'minneapolis')!;
    const data = await getPatterns(
      app.wh,
      view({
        city: 'minneapolis',
        level: city.levels[0]!.id,
        from: city.firstMonth!,
        to: city.lastMonth!,
      }),
    );
    const openings = await rawOpenings();
    expect(openings.length).toBe(8000);
    const expected = Array.from({ length: 7 }, () => Array.from({ length: 24 }, () => 0));
    let summer = 0;
    let winter = 0;
    for (const ms of openings) {
      const { weekday, hour } = localWeekdayHour(ms, 'America/Chicago');
      expected[weekday - 1]![hour]! += 1;
      // UTC−5 in summer (CDT), UTC−6 in winter (CST): both occur, so the clock change is exercised
      const offset = (new Date(ms).getUTCHours() - hour + 24) % 24;
      if (offset === 5) summer += 1;
      else if (offset === 6) winter += 1;
    }
    expect(summer).toBeGreaterThan(1000);
    expect(winter).toBeGreaterThan(1000);
    expect(data.timezone).toBe('America/Chicago');
    expect(data.hasOpenTimes).toBe(true);
    expect(data.untimed).toBe(0);
    expect(data.rows.map((row) => row.counts)).toEqual(expected);
    expect(data.total).toBe(8000);
  });

  it('adds up to the total the map reports for the same view, with filters and for one area', async () => {
    for (const cityId of ['minneapolis', 'boston']) {
      const city = cities.find((c) => c.id === cityId)!;
      const level = city.levels[0]!.id;
      const base = { city: cityId, level, from: city.firstMonth!, to: city.lastMonth! };
      const map = await getChoropleth(app.wh, view(base));
      const busiest = [...map.areas].sort((a, b) => b.count - a.count)[0]!;
      const queries: Record<string, string>[] = [
        base,
        { ...base, status: 'open' },
        { ...base, from: city.lastMonth! },
      ];
      for (const query of queries) {
        const v = view(query);
        const patterns = await getPatterns(app.wh, v);
        const choropleth = await getChoropleth(app.wh, v);
        expect(gridTotal(patterns), JSON.stringify(query)).toBe(choropleth.total);
        expect(patterns.total).toBe(choropleth.total);
        expect(patterns.rows.map((r) => r.total).reduce((a, b) => a + b, 0)).toBe(patterns.timed);
      }
      const area = await getPatterns(app.wh, view({ ...base, area: busiest.area_key }));
      expect(area.meta.area?.key).toBe(busiest.area_key);
      expect(gridTotal(area)).toBe(busiest.count);
    }
  });

  it('names the busiest two hours in words, and they are the grid’s largest window', async () => {
    const city = cities.find((c) => c.id === 'minneapolis')!;
    const data = await getPatterns(
      app.wh,
      view({ city: 'minneapolis', level: city.levels[0]!.id, from: city.firstMonth! }),
    );
    const peak = data.peak!;
    const windows = data.rows.flatMap((row) =>
      row.counts.slice(0, 23).map((n, h) => n + (row.counts[h + 1] ?? 0)),
    );
    expect(peak.count).toBe(Math.max(...windows));
    expect(data.summary).toMatch(
      /^Most requests arrive (Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)days \d/,
    );
    expect(data.note).toBeNull();
  });
});
