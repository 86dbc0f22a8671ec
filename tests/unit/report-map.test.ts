import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { FeatureCollection } from 'geojson';
import { describe, expect, it } from 'vitest';
import { areaMapSvg } from '@/components/report/area-map-svg';
import { changeText } from '@/components/report/report-view';
import { ROOT } from '../support/pipeline';

const square = (key: string, x: number, y: number) => ({
  type: 'Feature' as const,
  properties: { area_key: key, area_name: `Area ${key}` },
  geometry: {
    type: 'Polygon' as const,
    coordinates: [
      [
        [x, y],
        [x + 0.01, y],
        [x + 0.01, y + 0.01],
        [x, y + 0.01],
        [x, y],
      ],
    ],
  },
});

/** A 3 × 3 grid of squares; "4" is the middle one. */
const grid: FeatureCollection = {
  type: 'FeatureCollection',
  features: [0, 1, 2].flatMap((row) =>
    [0, 1, 2].map((col) => square(String(row * 3 + col), -79 + col * 0.01, 43 + row * 0.01)),
  ),
};

describe('areaMapSvg', () => {
  it('marks the area, the areas touching it and the rest, and draws the area last', () => {
    const corner = areaMapSvg(grid, '0')!;
    const roles = Object.fromEntries(corner.shapes.map((s) => [s.key, s.role]));
    expect(roles).toMatchObject({
      '0': 'area',
      '1': 'neighbour',
      '3': 'neighbour',
      '4': 'neighbour',
    });
    expect(roles['8']).toBe('other');
    expect(corner.shapes.at(-1)!.key).toBe('0');
  });

  it('frames the area and its neighbours inside the view box, north up', () => {
    const map = areaMapSvg(grid, '0', 300, 300)!;
    const numbers = (d: string) => d.match(/-?\d+(\.\d+)?/g)!.map(Number);
    const framed = map.shapes.filter((s) => s.role !== 'other').flatMap((s) => numbers(s.d));
    expect(Math.min(...framed)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...framed)).toBeLessThanOrEqual(300);
    const area = map.shapes.find((s) => s.key === '0')!;
    const above = map.shapes.find((s) => s.key === '3')!;
    expect(above.label[1]).toBeLessThan(area.label[1]);
  });

  it('answers null for an area the boundary file does not hold', () => {
    expect(areaMapSvg(grid, 'nowhere')).toBeNull();
  });

  it('finds a real ward’s neighbours in the simplified Toronto boundaries', () => {
    const wards = JSON.parse(
      readFileSync(path.join(ROOT, 'public/geojson/toronto/ward.geojson'), 'utf8'),
    ) as FeatureCollection;
    const map = areaMapSvg(wards, '1')!;
    const neighbours = map.shapes.filter((s) => s.role === 'neighbour').map((s) => s.name);
    expect(neighbours).toEqual(
      expect.arrayContaining(['Etobicoke Centre', 'York South-Weston', 'Humber River-Black Creek']),
    );
    expect(map.shapes).toHaveLength(25);
  });
});

describe('changeText', () => {
  it('says relative change for counts and days, points for the on-time share', () => {
    expect(changeText('requests', 110, 100)).toBe('+10.0%');
    expect(changeText('median_days', 2, 4)).toBe('−50.0%');
    expect(changeText('on_time_pct', 0.8, 0.75)).toBe('+5.0 pts');
    expect(changeText('requests', 5, 0)).toBe('new');
    expect(changeText('requests', null, 3)).toBe('—');
  });
});
