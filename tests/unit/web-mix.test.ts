import { describe, expect, it } from 'vitest';
import { drawViews, MIX_ENDPOINTS, seededRandom, type MixValues } from '@/bench/web-mix';
import { parseView } from '@/lib/view/schema';

const values: MixValues = {
  city: 'san-francisco',
  firstMonth: '2008-07-01',
  lastMonth: '2025-12-01',
  levels: [
    { id: 'neighborhood', areas: ['A', 'B', 'C'], population: true },
    { id: 'district', areas: ['1', '2'], population: false },
  ],
  types: ['Graffiti', 'Street Cleaning', 'Pothole', 'Noise', 'Tree'],
  categories: ['Streets', 'Graffiti', 'Trees'],
  channels: ['Phone', 'Web', 'Mobile'],
  metrics: ['count', 'per_1000', 'median_days', 'p90_days', 'still_open', 'change_pct'],
  histogramMetrics: ['median_days', 'p90_days'],
};

/** The view parameters of a drawn URL (route-only parameters dropped). */
function viewOf(url: string) {
  const params = new URLSearchParams(url.split('?')[1]);
  for (const own of ['maxCategories', 'dimension', 'mode', 'rankType']) params.delete(own);
  const parsed = parseView(params);
  if (!parsed.ok) throw new Error(`${url}: ${parsed.error}`);
  return parsed.view;
}

describe('the varied web mix', () => {
  it('is the same for the same seed and different for another', () => {
    expect(drawViews('choropleth', values, 200, 1)).toEqual(
      drawViews('choropleth', values, 200, 1),
    );
    expect(drawViews('choropleth', values, 200, 2)).not.toEqual(
      drawViews('choropleth', values, 200, 1),
    );
  });

  it('draws distinct, valid views for every endpoint', () => {
    for (const endpoint of MIX_ENDPOINTS) {
      const views = drawViews(endpoint, values, 2100, 7);
      expect(views).toHaveLength(2100);
      expect(new Set(views).size).toBe(views.length);
      for (const url of views) viewOf(url);
    }
  });

  it('spans one month to all data, filters from none to three types, and every level', () => {
    const views = drawViews('choropleth', values, 2000, 3).map(viewOf);
    const months = views.map((v) =>
      v.from && v.to
        ? (Number(v.to.slice(0, 4)) - Number(v.from.slice(0, 4))) * 12 +
          Number(v.to.slice(5, 7)) -
          Number(v.from.slice(5, 7)) +
          1
        : null,
    );
    expect(months).toContain(1);
    expect(months).toContain(210);
    expect(months).toContain(null);
    const typeCounts = new Set(views.map((v) => v.type?.length ?? 0));
    expect([...typeCounts].sort()).toEqual([0, 1, 2, 3]);
    expect(views.some((v) => v.category)).toBe(true);
    expect(views.some((v) => v.channel)).toBe(true);
    expect(views.some((v) => v.status === 'open')).toBe(true);
    expect(new Set(views.map((v) => v.level))).toEqual(new Set(['neighborhood', 'district']));
    // per_1000 only where the level has population figures.
    expect(views.some((v) => v.metric === 'per_1000')).toBe(true);
    expect(views.some((v) => v.metric === 'per_1000' && v.level === 'district')).toBe(false);
    // Unfiltered views stay common, as for real users.
    const unfiltered = views.filter((v) => !v.type && !v.category && !v.channel && !v.status);
    expect(unfiltered.length / views.length).toBeGreaterThan(0.2);
  });

  it('keeps histogram views to filters the histogram answers', () => {
    for (const endpoint of ['resolution', 'area_profile'] as const) {
      for (const view of drawViews(endpoint, values, 500, 5).map(viewOf)) {
        expect(view.channel).toBeUndefined();
        expect(view.status === 'open').toBe(false);
      }
    }
    const choropleth = drawViews('choropleth', values, 1000, 5).map(viewOf);
    for (const view of choropleth.filter((v) => values.histogramMetrics.includes(v.metric))) {
      expect(view.channel).toBeUndefined();
      expect(view.status === 'open').toBe(false);
    }
  });

  it('draws uniform numbers in [0, 1)', () => {
    const random = seededRandom(42);
    const draws = Array.from({ length: 10_000 }, random);
    expect(Math.min(...draws)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...draws)).toBeLessThan(1);
    expect(draws.reduce((a, b) => a + b, 0) / draws.length).toBeCloseTo(0.5, 1);
  });
});
