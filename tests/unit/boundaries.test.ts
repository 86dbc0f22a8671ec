/**
 * Checks the committed outputs of scripts/build-boundaries.ts: area counts, properties,
 * unique keys, browser file sizes and population totals.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..');

const EXPECTED: [city: string, level: string, areas: number][] = [
  ['toronto', 'ward', 25],
  ['toronto', 'fsa', 96],
  ['toronto', 'neighbourhood', 158],
  ['san-francisco', 'district', 11],
  ['san-francisco', 'neighborhood', 41],
  ['san-francisco', 'sffind', 117],
  ['boston', 'neighborhood', 26],
  ['minneapolis', 'neighborhood', 87],
  ['seattle', 'precinct', 5],
  ['seattle', 'beat', 51],
  ['seattle', 'mcpp', 58],
  ['seattle', 'neighborhood', 94],
];

interface Collection {
  type: string;
  features: { properties: Record<string, unknown>; geometry: { type: string } | null }[];
}

function readCollection(path: string): Collection {
  return JSON.parse(readFileSync(join(ROOT, path), 'utf8')) as Collection;
}

function readPopulation(city: string, level: string): Map<string, number> {
  const lines = readFileSync(join(ROOT, 'data/reference', city, `${level}-population.csv`), 'utf8')
    .trim()
    .split('\n');
  expect(lines[0]).toBe('area_key,population');
  return new Map(
    lines.slice(1).map((line) => {
      const [key, population] = line.split(',');
      return [key ?? '', Number(population)];
    }),
  );
}

describe.each(EXPECTED)('%s/%s boundaries', (city, level, areas) => {
  for (const kind of ['data/boundaries', 'public/geojson'] as const) {
    it(`${kind} has ${areas} polygon features with unique string area_key and area_name only`, () => {
      const collection = readCollection(`${kind}/${city}/${level}.geojson`);
      expect(collection.type).toBe('FeatureCollection');
      expect(collection.features).toHaveLength(areas);
      const keys = new Set<string>();
      for (const feature of collection.features) {
        expect(Object.keys(feature.properties).sort()).toEqual(['area_key', 'area_name']);
        expect(typeof feature.properties.area_key).toBe('string');
        expect(typeof feature.properties.area_name).toBe('string');
        expect(String(feature.properties.area_name).length).toBeGreaterThan(0);
        expect(['Polygon', 'MultiPolygon']).toContain(feature.geometry?.type);
        keys.add(String(feature.properties.area_key));
      }
      expect(keys.size).toBe(areas);
    });
  }

  it('simplified file keeps the same keys as the full-resolution file', () => {
    const keysOf = (c: Collection) => c.features.map((f) => String(f.properties.area_key)).sort();
    expect(keysOf(readCollection(`public/geojson/${city}/${level}.geojson`))).toEqual(
      keysOf(readCollection(`data/boundaries/${city}/${level}.geojson`)),
    );
  });

  it('simplified file is at most 150 KB gzipped and smaller than full resolution', () => {
    const simplified = readFileSync(join(ROOT, `public/geojson/${city}/${level}.geojson`));
    const full = readFileSync(join(ROOT, `data/boundaries/${city}/${level}.geojson`));
    expect(gzipSync(simplified).length).toBeLessThanOrEqual(150 * 1024);
    expect(simplified.length).toBeLessThanOrEqual(full.length);
  });
});

describe('toronto ward keys', () => {
  it('are the numbers 1..25 as strings', () => {
    const keys = readCollection('data/boundaries/toronto/ward.geojson').features.map((f) =>
      String(f.properties.area_key),
    );
    expect(keys.sort((a, b) => Number(a) - Number(b))).toEqual(
      Array.from({ length: 25 }, (_, i) => String(i + 1)),
    );
  });
});

describe('population denominators', () => {
  const sum = (m: Map<string, number>) => [...m.values()].reduce((a, b) => a + b, 0);

  it('toronto neighbourhoods sum to 2,761,290 over all 158 areas', () => {
    const population = readPopulation('toronto', 'neighbourhood');
    expect(population.size).toBe(158);
    expect(sum(population)).toBe(2_761_290);
  });

  it('toronto wards cover all 25 wards', () => {
    const population = readPopulation('toronto', 'ward');
    expect(population.size).toBe(25);
    expect(population.get('1')).toBe(115_120);
  });

  it('toronto FSAs cover the 96 bounded FSAs and no non-residential FSA', () => {
    const population = readPopulation('toronto', 'fsa');
    expect(population.size).toBe(96);
    expect(population.get('M1B')).toBe(66_108);
    expect(population.has('M5K')).toBe(false);
  });

  it('san francisco districts and neighborhoods are complete', () => {
    expect(readPopulation('san-francisco', 'district').size).toBe(11);
    expect(sum(readPopulation('san-francisco', 'district'))).toBe(805_235);
    expect(readPopulation('san-francisco', 'neighborhood').size).toBe(41);
  });

  it('boston writes no row for a blank or borrowed figure, and never 0', () => {
    const population = readPopulation('boston', 'neighborhood');
    expect(population.size).toBe(23);
    expect(population.has('Harbor Islands')).toBe(false);
    expect(population.has('Bay Village')).toBe(false);
    expect(population.has('Leather District')).toBe(false);
  });

  it.each([
    ['toronto', 'ward'],
    ['toronto', 'fsa'],
    ['toronto', 'neighbourhood'],
    ['san-francisco', 'district'],
    ['san-francisco', 'neighborhood'],
    ['boston', 'neighborhood'],
  ])('%s/%s keys all exist in the boundary and figures are positive', (city, level) => {
    const keys = new Set(
      readCollection(`data/boundaries/${city}/${level}.geojson`).features.map((f) =>
        String(f.properties.area_key),
      ),
    );
    for (const [key, population] of readPopulation(city, level)) {
      expect(keys.has(key), key).toBe(true);
      expect(population).toBeGreaterThan(0);
    }
  });

  it('levels without a real denominator have no population file', () => {
    expect(existsSync(join(ROOT, 'data/reference/seattle/beat-population.csv'))).toBe(false);
    expect(existsSync(join(ROOT, 'data/reference/minneapolis/neighborhood-population.csv'))).toBe(
      false,
    );
  });
});
