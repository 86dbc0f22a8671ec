/**
 * The server's first draw of the choropleth (components/map/choropleth-svg.ts) on a real
 * boundary file: one shape per area in file order, every point inside the view box and the
 * areas' extremes on its edges, north up and west left (checked against the areas' own
 * longitudes and latitudes, not through the projection), colours in the order of the values,
 * no-value areas grey, and the too-few, hotspot and selected areas marked as the WebGL map marks them.
 */
import { readFileSync } from 'node:fs';
import type { FeatureCollection, Position } from 'geojson';
import { describe, expect, it } from 'vitest';
import { choroplethSvg } from '@/components/map/choropleth-svg';
import type { ChoroplethResponse } from '@/lib/api/types';
import { choroplethResponse } from '../support/choropleth';
import { classColors, NO_DATA_COLOR, toCss } from '@/lib/palette';

const boundary = JSON.parse(
  readFileSync('public/geojson/toronto/ward.geojson', 'utf8'),
) as FeatureCollection;
const keys = boundary.features.map((f) => String(f.properties?.area_key));

const response = (values: Map<string, number>, patch: Partial<ChoroplethResponse> = {}) =>
  choroplethResponse(values, { city: 'toronto', breaks: [0, 100, 200, 300], ...patch });

/** The absolute points of a path of `M x,y l dx,dy dx,dy … z` rings. */
function pathPoints(d: string): [number, number][] {
  const points: [number, number][] = [];
  for (const ring of d.split('z').filter(Boolean)) {
    const match = /^M(-?\d+),(-?\d+)l(.*)$/.exec(ring);
    if (!match) throw new Error(`unexpected ring ${ring.slice(0, 40)}`);
    let x = Number(match[1]);
    let y = Number(match[2]);
    points.push([x, y]);
    for (const move of match[3]!.split(' ')) {
      const [dx, dy] = move.split(',').map(Number);
      x += dx!;
      y += dy!;
      points.push([x, y]);
    }
  }
  return points;
}

function lonLats(key: string): Position[] {
  const feature = boundary.features.find((f) => String(f.properties?.area_key) === key)!;
  const geometry = feature.geometry as { type: string; coordinates: unknown };
  return (geometry.coordinates as unknown[]).flat(
    geometry.type === 'Polygon' ? 1 : 2,
  ) as Position[];
}

const values = new Map(keys.map((key, i) => [key, i * 12]));

describe('choroplethSvg', () => {
  const svg = choroplethSvg(boundary, response(values))!;

  it('draws every area once, in file order, inside the view box and filling it edge to edge', () => {
    expect(svg.shapes.map((s) => s.key)).toEqual(keys);
    const all = svg.shapes.flatMap((s) => pathPoints(s.d));
    const xs = all.map((p) => p[0]);
    const ys = all.map((p) => p[1]);
    expect(Math.min(...xs)).toBe(0);
    expect(Math.max(...xs)).toBe(svg.width);
    expect(Math.min(...ys)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...ys)).toBeLessThanOrEqual(svg.height);
    expect(Math.max(...ys) - Math.min(...ys)).toBeGreaterThanOrEqual(svg.height - 1);
  });

  it('puts the northernmost area at the top and the westernmost at the left', () => {
    const extreme = (pick: (p: Position) => number, most: (a: number, b: number) => boolean) =>
      keys.reduce((best, key) => {
        const value = lonLats(key)
          .map(pick)
          .reduce((a, b) => (most(a, b) ? a : b));
        const bestValue = lonLats(best)
          .map(pick)
          .reduce((a, b) => (most(a, b) ? a : b));
        return most(value, bestValue) ? key : best;
      });
    const north = extreme(
      (p) => p[1]!,
      (a, b) => a > b,
    );
    const west = extreme(
      (p) => p[0]!,
      (a, b) => a < b,
    );
    const shape = (key: string) => pathPoints(svg.shapes.find((s) => s.key === key)!.d);
    expect(Math.min(...shape(north).map((p) => p[1]))).toBe(
      Math.min(...svg.shapes.flatMap((s) => pathPoints(s.d)).map((p) => p[1])),
    );
    expect(Math.min(...shape(west).map((p) => p[0]))).toBe(0);
  });

  it('colours areas in the order of their values, and areas with no value grey', () => {
    const partial = new Map([...values].slice(0, 20));
    const drawn = choroplethSvg(boundary, response(partial))!;
    const palette = classColors([0, 100, 200, 300], false).map(toCss);
    for (const shape of drawn.shapes) {
      const value = partial.get(shape.key);
      if (value === undefined) {
        expect(shape.fill, shape.key).toBe(toCss(NO_DATA_COLOR));
        continue;
      }
      // Breaks 0,100,200,300: values below 100 in the first class, and so on.
      expect(shape.fill, shape.key).toBe(palette[Math.min(2, Math.floor(value / 100))]);
    }
    expect(drawn.shapes.filter((s) => s.fill === toCss(NO_DATA_COLOR))).toHaveLength(5);
  });

  it('hatches too-few areas and outlines the hotspots and the selected area', () => {
    const [first, second, third] = keys as [string, string, string];
    const data = response(values);
    data.areas = data.areas.map((area) =>
      area.area_key === first
        ? { ...area, count: 3, tooFew: true }
        : area.area_key === second
          ? { ...area, hotspot: true }
          : area,
    );
    const drawn = choroplethSvg(boundary, data, third)!;
    const byKey = new Map(drawn.shapes.map((s) => [s.key, s]));
    expect(drawn.shapes.filter((s) => s.tooFew).map((s) => s.key)).toEqual([first]);
    expect(byKey.get(second)!.outline).toBe('hotspot');
    expect(byKey.get(third)!.outline).toBe('selected');
    expect(drawn.shapes.filter((s) => s.outline !== null)).toHaveLength(2);
  });

  it('drops a ring too small to draw, and an empty boundary draws nothing', () => {
    const speck: FeatureCollection = {
      type: 'FeatureCollection',
      features: [
        ...boundary.features.slice(0, 2),
        {
          type: 'Feature',
          properties: { area_key: 'speck' },
          geometry: {
            type: 'Polygon',
            coordinates: [
              [
                [-79.4, 43.7],
                [-79.4000001, 43.7],
                [-79.4, 43.7000001],
                [-79.4, 43.7],
              ],
            ],
          },
        },
      ],
    };
    expect(choroplethSvg(speck, response(values))!.shapes.map((s) => s.key)).toEqual(
      keys.slice(0, 2),
    );
    expect(choroplethSvg({ type: 'FeatureCollection', features: [] }, response(values))).toBe(null);
  });
});
