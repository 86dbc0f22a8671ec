/**
 * One golden answer per query function, for one view each, against a warehouse built by the real
 * pipeline from the bundled samples. A mismatch fails and writes the actual answer beside the
 * golden file (`<name>.actual.json`) so the difference can be read. Golden files change only on
 * purpose: `npm run golden:update` (UPDATE_GOLDEN=1) rewrites them.
 */
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

vi.mock('server-only', () => ({}));

import { getAreaProfile } from '@/lib/queries/area-profile';
import { getBreakdown } from '@/lib/queries/breakdown';
import { getChoropleth } from '@/lib/queries/choropleth';
import { getCities, getFilterOptions } from '@/lib/queries/cities';
import { getHeatmap } from '@/lib/queries/heatmap';
import { getResolution, getResolutionEstimate } from '@/lib/queries/resolution';
import { getTrends } from '@/lib/queries/trends';
import { choroplethCsv } from '@/components/export/tables';
import { type View } from '@/lib/view';
import { parseView } from '@/lib/view/schema';
import type { Warehouse } from '@/lib/warehouse/types';
import { buildAppWarehouse, type AppWarehouse } from '../support/app-warehouse';
import { ROOT } from '../support/pipeline';

const GOLDEN_DIR = path.join(ROOT, 'tests', 'fixtures', 'golden');
const UPDATE = process.env.UPDATE_GOLDEN === '1';

let app: AppWarehouse;
beforeAll(async () => {
  app = await buildAppWarehouse();
}, 300_000);
afterAll(() => app?.close());

function view(query: string): View {
  const parsed = parseView(new URLSearchParams(query));
  if (!parsed.ok) throw new Error(parsed.error);
  return parsed.view;
}

/** The answer as stable JSON: the clock's generatedAt is the only moving part. */
function stable(value: unknown): string {
  return `${JSON.stringify(value, (key, v: unknown) => (key === 'generatedAt' ? '<now>' : v), 2)}\n`;
}

function expectGolden(name: string, value: unknown) {
  const file = path.join(GOLDEN_DIR, `${name}.json`);
  const actualFile = path.join(GOLDEN_DIR, `${name}.actual.json`);
  const actual = stable(value);
  if (UPDATE) {
    mkdirSync(GOLDEN_DIR, { recursive: true });
    writeFileSync(file, actual);
    rmSync(actualFile, { force: true });
    return;
  }
  if (!existsSync(file)) {
    writeFileSync(actualFile, actual);
    throw new Error(`no golden file ${name}.json: run npm run golden:update to create it`);
  }
  const expected = readFileSync(file, 'utf8');
  if (expected !== actual) writeFileSync(actualFile, actual);
  else rmSync(actualFile, { force: true });
  expect(JSON.parse(actual)).toEqual(JSON.parse(expected));
}

const CASES: [string, (wh: Warehouse) => Promise<unknown>][] = [
  ['cities', (wh) => getCities(wh)],
  ['filter-options-toronto', (wh) => getFilterOptions(wh, view('city=toronto&level=ward'))],
  [
    'choropleth-toronto-ward-per-1000',
    (wh) => getChoropleth(wh, view('city=toronto&level=ward&metric=per_1000&hotspots=0')),
  ],
  [
    'choropleth-sf-district-median',
    (wh) => getChoropleth(wh, view('city=san-francisco&level=district&metric=median_days')),
  ],
  [
    'trends-minneapolis',
    (wh) =>
      getTrends(wh, view('city=minneapolis&level=neighborhood&from=2024-01-01'), {
        maxCategories: 8,
      }),
  ],
  [
    'heatmap-toronto-season',
    (wh) =>
      getHeatmap(wh, view('city=toronto&level=ward'), {
        mode: 'season',
        topN: 5,
        rankType: 'Road Pothole / Road Damage',
      }),
  ],
  [
    'breakdown-type-seattle',
    (wh) => getBreakdown(wh, view('city=seattle&level=precinct'), { dimension: 'type' }),
  ],
  [
    'breakdown-channel-sf',
    (wh) =>
      getBreakdown(wh, view('city=san-francisco&level=district&from=2023-01-01'), {
        dimension: 'channel',
      }),
  ],
  [
    'resolution-sf',
    (wh) => getResolution(wh, view('city=san-francisco&level=district&from=2023-01-01')),
  ],
  [
    'resolution-estimate-sf',
    (wh) =>
      getResolutionEstimate(wh, view('city=san-francisco&level=district&from=2023-01-01'), {
        type: 'Street and Sidewalk Cleaning',
        areaKey: '6',
      }),
  ],
  ['area-profile-toronto', (wh) => getAreaProfile(wh, view('city=toronto&level=ward&area=10'))],
];

describe('the map CSV', () => {
  it('holds exactly the map values: area, value, count, population, rank', async () => {
    const map = await getChoropleth(app.wh, view('city=toronto&level=ward&metric=per_1000'));
    const city = (await getCities(app.wh)).cities.find((c) => c.id === 'toronto')!;
    const csv = choroplethCsv(map, city, {}, '2026-01-01T00:00:00.000Z');
    expect(csv.fileName).toMatch(/^atlas311_toronto_ward_per-1000_\d{4}-\d{2}-\d{2}_.*_map\.csv$/);
    const lines = csv.text
      .trim()
      .split('\r\n')
      .filter((line) => !line.startsWith('#'));
    expect(lines[0]).toBe('area_key,area_name,value,count,population,rank,too_few');
    const rows = lines.slice(1).map((line) => line.split(','));
    expect(rows).toHaveLength(map.areas.length);
    const byKey = new Map(map.areas.map((a) => [a.area_key, a]));
    for (const [key, , value, count, population, rank] of rows) {
      const area = byKey.get(key!)!;
      expect(Number(count)).toBe(area.count);
      expect(value === '' ? null : Number(value)).toBe(area.value);
      expect(population === '' ? null : Number(population)).toBe(area.population);
      expect(rank === '' ? null : Number(rank)).toBe(area.rank);
    }
    const ranks = rows
      .map((r) => r[5])
      .filter(Boolean)
      .map(Number);
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
  });
});

describe('query functions against a built warehouse', () => {
  it.each(CASES)('%s matches its golden answer', async (name, run) => {
    expectGolden(name, await run(app.wh));
  });
});

describe('filter options', () => {
  it("show Seattle's sector codes with the area their incidents fall in", async () => {
    const options = await getFilterOptions(
      app.wh,
      view('city=seattle&level=precinct&from=2015-01-01&to=2016-12-31'),
    );
    const sectors = options.division.filter((o) => o.value.length === 1);
    expect(sectors.length).toBeGreaterThan(0);
    for (const sector of sectors) {
      expect(sector.label).toMatch(new RegExp(`^${sector.value} \\(in \\w+ precinct\\)$`));
    }
  });

  it('count the view, not all time', async () => {
    const all = await getFilterOptions(app.wh, view('city=toronto&level=ward&from=2018-01-01'));
    const year = await getFilterOptions(
      app.wh,
      view('city=toronto&level=ward&from=2025-01-01&to=2025-12-31'),
    );
    const total = (list: { count: number }[]) => list.reduce((sum, o) => sum + o.count, 0);
    expect(total(year.category)).toBeLessThan(total(all.category));
    expect(year.from).toBe('2025-01-01');
  });

  it('say which levels have no located data in the range, and why', async () => {
    const options = await getFilterOptions(
      app.wh,
      view('city=toronto&level=ward&from=2025-01-01&to=2025-12-31'),
    );
    const neighbourhood = options.levels.find((l) => l.id === 'neighbourhood');
    expect(neighbourhood?.available).toBe(false);
    expect(neighbourhood?.reason).toMatch(/can be placed in a neighbourhood/);
    expect(options.levels.find((l) => l.id === 'ward')?.available).toBe(true);
  });
});

describe('the map ranks only values that rest on enough requests', () => {
  it.each([
    ['city=san-francisco&level=neighborhood&metric=median_days&from=2008-01-01'],
    ['city=toronto&level=neighbourhood&metric=per_1000&from=2018-01-01'],
    ['city=boston&level=neighborhood&metric=on_time_pct&from=2022-01-01'],
  ])('%s', async (query) => {
    const map = await getChoropleth(app.wh, view(query));
    for (const area of map.areas) {
      if (area.tooFew) {
        expect(area.count).toBeGreaterThan(0);
        expect(area.count).toBeLessThan(map.minSample);
        expect(area.value).toBeNull();
        expect(area.rank).toBeNull();
      }
      if (area.rank !== null) expect(area.count).toBeGreaterThanOrEqual(map.minSample);
    }
    expect(map.tooFew).toBe(map.areas.filter((a) => a.tooFew).length);
    const ranked = map.areas.filter((a) => a.rank !== null).sort((a, b) => a.rank! - b.rank!);
    for (let i = 1; i < ranked.length; i++) {
      expect(ranked[i]!.value!).toBeLessThanOrEqual(ranked[i - 1]!.value!);
    }
    if (map.metric === 'on_time_pct') {
      expect(map.onTime?.definition).toMatch(/closed \+ still open and already overdue/);
      expect(map.onTime?.portalDefinition).toMatch(/on-time flag/);
    }
  });
});
