import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { FeatureCollection } from 'geojson';
import { describe, expect, it } from 'vitest';
import { areaMapSvg } from '@/components/report/area-map-svg';
import { createTranslator } from 'next-intl';
import { changeText, reportFormat } from '@/components/report/report-figures';
import { MESSAGES } from '@/messages';
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
  const en = createTranslator({ locale: 'en', messages: MESSAGES.en, namespace: 'report' });
  const fr = createTranslator({ locale: 'fr', messages: MESSAGES.fr, namespace: 'report' });
  const enFormat = reportFormat('en', (value) => `${value} d`);
  const frFormat = reportFormat('fr', (value) => `${value} j`);
  it('says relative change for counts and days, points for the on-time share', () => {
    const change = (...args: [Parameters<typeof changeText>[0], number | null, number | null]) =>
      changeText(...args, enFormat, en);
    expect(change('requests', 110, 100)).toBe('+10.0%');
    expect(change('median_days', 2, 4)).toBe('−50.0%');
    expect(change('on_time_pct', 0.8, 0.75)).toBe('+5.0 pts');
    expect(change('requests', 5, 0)).toBe('new');
    expect(change('requests', 0, 0)).toBe('0%');
    expect(change('requests', null, 3)).toBe('—');
  });
  it('in French, with the locale’s decimal comma and spaces', () => {
    // Intl puts a narrow no-break space before % and between thousands in French.
    const nb = (text: string) => text.replace(/[\u202f\u00a0]/g, ' ');
    expect(nb(changeText('requests', 110, 100, frFormat, fr))).toBe('+10,0 %');
    expect(nb(changeText('on_time_pct', 0.8, 0.75, frFormat, fr))).toBe('+5,0 pts');
    expect(changeText('requests', 5, 0, frFormat, fr)).toBe('nouveau');
    expect(nb(frFormat.count(12345))).toBe('12 345');
    expect(frFormat.days(3.44)).toBe('3,4 j');
    expect(enFormat.days(12.6)).toBe('13 d');
  });
});
