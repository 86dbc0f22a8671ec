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
import { parseView, type View } from '@/lib/view';
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

describe('query functions against a built warehouse', () => {
  it.each(CASES)('%s matches its golden answer', async (name, run) => {
    expectGolden(name, await run(app.wh));
  });
});
