/**
 * Parts add up to the whole: for every city, several ranges and filters, the trend points, the
 * type rows, the category counts, the channel rows and the heatmap cells each add up to the city
 * total the map reports for the same view, which itself equals an independent count over
 * fact_requests; and no series name appears twice.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

vi.mock('server-only', () => ({}));

import { getBreakdown } from '@/lib/queries/breakdown';
import { getChoropleth } from '@/lib/queries/choropleth';
import { getCities, getFilterOptions } from '@/lib/queries/cities';
import { getHeatmap } from '@/lib/queries/heatmap';
import { getPatterns } from '@/lib/queries/patterns';
import { getTrends } from '@/lib/queries/trends';
import { getResolution } from '@/lib/queries/resolution';
import { type View } from '@/lib/view';
import { parseView } from '@/lib/view/schema';
import type { CitySummary } from '@/lib/api/types';
import { ALL_CITIES, buildAppWarehouse, type AppWarehouse } from '../support/app-warehouse';

let app: AppWarehouse;
let cities: CitySummary[];

beforeAll(async () => {
  app = await buildAppWarehouse();
  cities = (await getCities(app.wh)).cities;
}, 300_000);
afterAll(() => app?.close());

function view(query: Record<string, string>): View {
  const parsed = parseView(new URLSearchParams(query));
  if (!parsed.ok) throw new Error(parsed.error);
  return parsed.view;
}

const sum = (values: readonly (number | null)[]) =>
  values.reduce<number>((a, b) => a + (b ?? 0), 0);

/** The same view counted straight from the fact table (independent of the marts). */
async function factCount(v: View, from: string, to: string): Promise<number> {
  const where = ['city = ?', 'month between cast(? as date) and cast(? as date)'];
  const params: (string | number)[] = [v.city, from, to];
  for (const key of ['type', 'category'] as const) {
    const values = v[key];
    if (values?.length) {
      where.push(`${key} in (${values.map(() => '?').join(', ')})`);
      params.push(...values);
    }
  }
  if (v.status) where.push(v.status === 'open' ? 'is_open' : 'not is_open');
  const [row] = await app.box.query<{ n: number }>(
    `select count(*)::integer as n from fact_requests where ${where.join(' and ')}`,
    params,
  );
  return Number(row?.n ?? 0);
}

describe.each(ALL_CITIES)('parts add up to the whole in %s', (cityId) => {
  it('for several ranges and filters', async () => {
    const city = cities.find((c) => c.id === cityId)!;
    expect(city.loaded).toBe(true);
    const level = city.levels[0]!.id;
    const base = { city: cityId, level };
    const [topCategory] = (await getFilterOptions(app.wh, view(base))).category;
    const views: Record<string, string>[] = [
      base,
      { ...base, from: city.firstMonth!, to: city.lastMonth! },
      { ...base, from: city.lastMonth!, to: city.lastMonth! },
      { ...base, from: city.firstMonth!, status: 'open' },
    ];
    if (topCategory) views.push({ ...base, from: city.firstMonth!, category: topCategory.value });
    let checked = 0;
    for (const query of views) {
      const v = view(query);
      const map = await getChoropleth(app.wh, v);
      const total = map.total;
      const label = JSON.stringify(query);

      expect(total, `${label}: map = fact count`).toBe(await factCount(v, map.from, map.to));
      expect(sum(map.areas.map((a) => a.count)) + map.unlocated, `${label}: areas`).toBe(total);

      const trends = await getTrends(app.wh, v, { maxCategories: 8 });
      expect(sum(trends.points.map((p) => p.count)), `${label}: trend points`).toBe(total);
      expect(new Set(trends.categories).size, `${label}: series names`).toBe(
        trends.categories.length,
      );
      expect(sum(trends.monthInfo.map((m) => m.total)), `${label}: trend months`).toBe(total);

      const types = await getBreakdown(app.wh, v, { dimension: 'type' });
      if (types.dimension !== 'type') throw new Error('not a type answer');
      expect(sum(types.rows.map((r) => r.count)), `${label}: type rows`).toBe(total);
      const pairs = types.rows.map((r) => `${r.category}|${r.type}`);
      expect(new Set(pairs).size, `${label}: type rows unique`).toBe(pairs.length);

      const options = await getFilterOptions(app.wh, v);
      if (!v.category) {
        expect(sum(options.category.map((o) => o.count)), `${label}: category rows`).toBe(total);
      }
      expect(sum(options.type.map((o) => o.count)) <= total).toBe(true);

      const channels = await getBreakdown(app.wh, v, { dimension: 'channel' });
      if (channels.dimension !== 'channel') throw new Error('not a channel answer');
      if (city.hasChannel) {
        expect(sum(channels.rows.map((r) => r.count)), `${label}: channel rows`).toBe(total);
      } else {
        expect(channels.available).toBe(false);
        expect(channels.rows).toEqual([]);
      }

      const heatmap = await getHeatmap(app.wh, v, { mode: 'month', topN: 10 });
      const cells = sum(heatmap.rows.flatMap((r) => r.cells.map((c) => c.count)));
      expect(cells + heatmap.otherCount, `${label}: heatmap cells`).toBe(total);
      expect(heatmap.total).toBe(total);
      const patterns = await getPatterns(app.wh, v);
      const hours = sum(patterns.rows.flatMap((r) => r.counts));
      expect(hours + patterns.untimed, `${label}: weekday × hour cells`).toBe(total);
      const seasons = await getHeatmap(app.wh, v, { mode: 'season', topN: 50 });
      expect(sum(seasons.topBySeason.map((s) => s.total)), `${label}: seasons`).toBe(total);
      const resolution = await getResolution(app.wh, v);
      if (resolution.available) {
        const closed = resolution.summary.closed;
        expect(sum(resolution.byType.map((r) => r.closed)), `${label}: closed by type`).toBe(
          closed,
        );
        expect(
          sum(resolution.byCategory.map((r) => r.closed)),
          `${label}: closed by category`,
        ).toBe(closed);
        expect(sum(resolution.histogram.map((b) => b.count)), `${label}: histogram`).toBe(closed);
      }
      if (total > 0) checked++;
    }
    expect(checked).toBeGreaterThan(0);
  });
});
