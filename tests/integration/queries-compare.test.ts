/**
 * compare= on a warehouse built by the real pipeline: every baseline figure equals the plain
 * answer of the baseline range (and an independent count over fact_requests), the area
 * differences add up to the difference of the totals, too-few areas get no relative change, the
 * chart routes answer the same baseline, and the map marks exactly the areas mart_anomaly flags.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

vi.mock('server-only', () => ({}));

import { getAreaProfile } from '@/lib/queries/area-profile';
import { getBreakdown } from '@/lib/queries/breakdown';
import { getChoropleth } from '@/lib/queries/choropleth';
import { getResolution } from '@/lib/queries/resolution';
import { getTrends } from '@/lib/queries/trends';
import { MIN_SAMPLE } from '@/lib/api/texts';
import { baselineRange, type View } from '@/lib/view';
import { parseView } from '@/lib/view/schema';
import { buildAppWarehouse, type AppWarehouse } from '../support/app-warehouse';

let app: AppWarehouse;

beforeAll(async () => {
  app = await buildAppWarehouse(['toronto', 'minneapolis', 'seattle']);
}, 300_000);
afterAll(() => app?.close());

function view(query: Record<string, string>): View {
  const parsed = parseView(new URLSearchParams(query));
  if (!parsed.ok) throw new Error(parsed.error);
  return parsed.view;
}

const sum = (values: readonly (number | null | undefined)[]) =>
  values.reduce<number>((a, b) => a + (b ?? 0), 0);

async function factCount(city: string, from: string, to: string): Promise<number> {
  const [row] = await app.box.query<{ n: number }>(
    `select count(*)::integer as n from fact_requests
     where city = ? and month between cast(? as date) and cast(? as date)`,
    [city, from, to],
  );
  return Number(row?.n ?? 0);
}

const CASES: Record<string, string>[] = [
  { city: 'toronto', level: 'ward', compare: 'previous' },
  { city: 'toronto', level: 'ward', compare: 'last_year', from: '2025-02-01', to: '2025-06-30' },
  { city: 'toronto', level: 'neighbourhood', compare: 'last_year' },
  { city: 'minneapolis', level: 'neighborhood', compare: 'previous', from: '2025-07-01' },
];

describe.each(CASES)('compare on the map: %o', (query) => {
  it('baseline values are the plain answer of the baseline range, and differences add up', async () => {
    const compared = await getChoropleth(app.wh, view(query));
    const c = compared.compare!;
    expect(c).toBeTruthy();
    const expected = baselineRange(
      { fromMonth: compared.from, toMonth: compared.to.slice(0, 8) + '01' },
      query.compare as 'previous' | 'last_year',
    );
    expect([c.from, c.to, c.months]).toEqual([expected.from, expected.to, expected.months]);
    const { compare: _drop, ...plainQuery } = query;
    const plain = await getChoropleth(app.wh, view({ ...plainQuery, from: c.from, to: c.to }));
    expect(plain.compare).toBeUndefined();
    expect(c.total).toBe(plain.total);
    expect(c.total).toBe(await factCount(query.city!, c.from, c.to));
    expect(c.unlocated).toBe(plain.unlocated);
    expect(c.total).toBeGreaterThan(0);
    const before = new Map(plain.areas.map((a) => [a.area_key, a]));
    for (const area of compared.areas) {
      const then = before.get(area.area_key)!;
      expect(area.compare!.baseline, area.area_key).toBe(then.value);
      expect(area.compare!.baselineCount).toBe(then.count);
      expect(area.compare!.difference).toBe(area.value! - then.value!);
      const tooFew = area.count < MIN_SAMPLE || then.count < MIN_SAMPLE;
      expect(area.compare!.tooFew).toBe(tooFew);
      if (tooFew) expect(area.compare!.relative).toBeNull();
      else
        expect(area.compare!.relative).toBeCloseTo(
          ((area.count - then.count) / then.count) * 100,
          9,
        );
    }
    // Counts: the area differences plus the change in unlocated requests = the change of totals.
    expect(c.difference).toBe(compared.total - plain.total);
    expect(
      sum(compared.areas.map((a) => a.compare!.difference)) + (compared.unlocated - c.unlocated),
    ).toBe(c.difference);
    // Shared symmetric breaks around zero, each coloured area in one class.
    if (c.breaks.length) expect(c.breaks[0]).toBe(-c.breaks.at(-1)!);
    else expect(c.noData).toBe(compared.areas.length);
    expect(sum(c.classCounts) + c.noData).toBe(compared.areas.length);
    expect(c.tooFew).toBe(compared.areas.filter((a) => a.compare!.tooFew).length);
  });
});

describe('compare on rates and charts', () => {
  it('per 1,000 residents: the baseline rate is the plain rate of the baseline range', async () => {
    const q = { city: 'toronto', level: 'ward', metric: 'per_1000' };
    const compared = await getChoropleth(app.wh, view({ ...q, compare: 'last_year' }));
    const plain = await getChoropleth(
      app.wh,
      view({ ...q, from: compared.compare!.from, to: compared.compare!.to }),
    );
    for (const area of compared.areas) {
      const then = plain.areas.find((a) => a.area_key === area.area_key)!;
      expect(area.compare!.baseline).toBe(then.value);
    }
  });

  it('trends, breakdown, resolution and the area profile answer the same baseline', async () => {
    const q = { city: 'minneapolis', level: 'neighborhood', from: '2025-07-01', to: '2025-12-31' };
    const compared = view({ ...q, compare: 'previous' });
    const baseline = view({ ...q, from: '2025-01-01', to: '2025-06-30' });
    const total = await factCount('minneapolis', '2025-01-01', '2025-06-30');

    const trends = await getTrends(app.wh, compared, { maxCategories: 8 });
    const plainTrends = await getTrends(app.wh, baseline, { maxCategories: 8 });
    expect(trends.compare!.baseline.points).toEqual(plainTrends.points);
    expect(trends.compare!.total).toBe(total);
    expect(trends.compare!.difference).toBe(
      sum(trends.monthInfo.map((m) => m.total)) - sum(plainTrends.monthInfo.map((m) => m.total)),
    );

    const types = await getBreakdown(app.wh, compared, { dimension: 'type' });
    const plainTypes = await getBreakdown(app.wh, baseline, { dimension: 'type' });
    expect(types.compare!.baseline.rows).toEqual(plainTypes.rows);
    expect(types.compare!.total).toBe(total);

    const resolution = await getResolution(app.wh, compared);
    const plainResolution = await getResolution(app.wh, baseline);
    if (!resolution.available || !plainResolution.available) throw new Error('no resolution');
    expect(resolution.compare!.baseline.summary).toEqual(plainResolution.summary);

    const area = (await getChoropleth(app.wh, compared)).areas.find((a) => a.count > 0)!;
    const profile = await getAreaProfile(app.wh, { ...compared, area: area.area_key });
    const plainProfile = await getAreaProfile(app.wh, { ...baseline, area: area.area_key });
    expect(profile.compare!.baseline.figures).toEqual(plainProfile.figures);
    expect(profile.compare!.total).toBe(area.compare!.baselineCount);

    // Without compare=, no route carries a baseline.
    expect((await getTrends(app.wh, baseline, { maxCategories: 8 })).compare).toBeUndefined();
  });

  it('change_pct cannot be compared again: a 400 naming compare', async () => {
    await expect(
      getChoropleth(
        app.wh,
        view({ city: 'toronto', level: 'ward', metric: 'change_pct', compare: 'previous' }),
      ),
    ).rejects.toMatchObject({ parameter: 'compare' });
  });
});

describe('flagged areas on the map', () => {
  it('marks exactly the areas mart_anomaly flags, narrowed by the type or category filter', async () => {
    const base = { city: 'seattle', level: 'precinct' };
    const map = await getChoropleth(app.wh, view(base));
    const rows = await app.box.query<{ area_key: string; value: string; dimension: string }>(
      `select area_key, value, dimension from mart_anomaly
       where city = 'seattle' and level = 'precinct' and flagged`,
    );
    expect(rows.length).toBeGreaterThan(0);
    const flagged = new Set(rows.map((r) => r.area_key));
    const marked = map.areas.filter((a) => a.unusual?.length).map((a) => a.area_key);
    expect(new Set(marked)).toEqual(flagged);
    expect(map.unusual?.areas).toBe(flagged.size);
    expect(map.unusual?.month).toMatch(/^\d{4}-\d{2}-01$/);

    const first = rows[0]!;
    const filtered = await getChoropleth(app.wh, view({ ...base, [first.dimension]: first.value }));
    const expected = new Set(
      rows
        .filter((r) => r.dimension === first.dimension && r.value === first.value)
        .map((r) => r.area_key),
    );
    const markedFiltered = filtered.areas.filter((a) => a.unusual?.length);
    expect(new Set(markedFiltered.map((a) => a.area_key))).toEqual(expected);
    for (const area of markedFiltered) expect(area.unusual).toEqual([first.value]);
    // A filter no flag matches marks nothing.
    const other = await getChoropleth(app.wh, view({ ...base, type: 'No such offence' }));
    expect(other.areas.filter((a) => a.unusual?.length)).toEqual([]);
    expect(other.unusual).toBeUndefined();
  });
});
