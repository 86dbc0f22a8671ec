/**
 * Requests vs problems on every city's bundled sample: with duplicates=merged the map's total
 * equals an independent count of distinct problem ids over fact_requests, problems never exceed
 * requests, the areas add up to the city's located problems, and the trend points add up to the
 * same total. The share of requests merged per city is printed (it goes in the closing note).
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

vi.mock('server-only', () => ({}));

import { getChoropleth } from '@/lib/queries/choropleth';
import { getCities } from '@/lib/queries/cities';
import { getTrends } from '@/lib/queries/trends';
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

describe.each(ALL_CITIES)('problems in %s', (cityId) => {
  it('merged counts problems: ≤ requests, areas add up, equal to the facts', async () => {
    const city = cities.find((c) => c.id === cityId)!;
    const level = city.levels[0]!.id;
    const base = { city: cityId, level, from: city.firstMonth!, to: city.lastMonth! };
    const kept = await getChoropleth(app.wh, view(base));
    const merged = await getChoropleth(app.wh, view({ ...base, duplicates: 'merged' }));

    // Independent: distinct problem ids whose first request opened in the range.
    const [facts] = await app.box.query<{ requests: number; problems: number; located: number }>(
      `select
         (select count(*)::integer from fact_requests
            where city = $1 and month between cast($2 as date) and cast($3 as date)) as requests,
         (select count(distinct f.problem_id)::integer from fact_requests f
            join fact_requests p on p.city = f.city and p.request_id = f.problem_id
            where f.city = $1 and p.month between cast($2 as date) and cast($3 as date)) as problems,
         (select count(*)::integer from fact_requests f
            join fact_request_area a on a.city = f.city and a.request_id = f.request_id and a.level = $4
            where f.city = $1 and f.request_id = f.problem_id
              and f.month between cast($2 as date) and cast($3 as date)) as located`,
      [cityId, merged.from, merged.to, level],
    );
    expect(kept.total).toBe(facts!.requests);
    expect(merged.total).toBe(facts!.problems);
    expect(merged.total).toBeLessThanOrEqual(kept.total);
    const areaSum = merged.areas.reduce((sum, a) => sum + a.count, 0);
    expect(areaSum).toBe(facts!.located);
    expect(areaSum + merged.unlocated).toBe(merged.total);
    for (const area of merged.areas) {
      const before = kept.areas.find((a) => a.area_key === area.area_key)!;
      expect(area.count).toBeLessThanOrEqual(before.count);
    }
    expect(merged.duplicates).toMatchObject({
      mode: 'merged',
      requests: kept.total,
      problems: merged.total,
    });
    expect(kept.duplicates).toMatchObject({
      mode: 'kept',
      requests: kept.total,
      problems: merged.total,
    });

    const trends = await getTrends(app.wh, view({ ...base, duplicates: 'merged' }), {
      maxCategories: 8,
    });
    expect(trends.points.reduce((sum, p) => sum + (p.count ?? 0), 0)).toBe(merged.total);

    const share = kept.total ? (kept.total - merged.total) / kept.total : 0;
    console.log(
      `[problems] ${cityId}: ${kept.total} requests, ${merged.total} problems, ${(share * 100).toFixed(1)}% merged`,
    );
  });
});
