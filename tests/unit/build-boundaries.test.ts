/**
 * `npm run boundaries` is driven by the city configs: every level names its boundary source,
 * key and population source in config/cities/<id>.json, and reading them gives the committed
 * full-resolution files byte for byte.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CONFIG_DIR, loadCities } from '@/lib/cities';
import {
  areaValue,
  boundarySources,
  normaliseLevel,
  populationSources,
} from '@/scripts/build-boundaries';

const ROOT = path.resolve(__dirname, '..', '..');
const SHARED = path.resolve(ROOT, process.env.SHARED_DATA_DIR ?? '../shared/data');
const cities = [...loadCities(CONFIG_DIR).values()];

describe('areaValue', () => {
  it('reads a property, or the TopoJSON id without one', () => {
    expect(areaValue({ property: 'name' }, { name: 'Back Bay' }, 7, 'k')).toBe('Back Bay');
    expect(areaValue({}, { name: 'x' }, 7, 'k')).toBe(7);
  });
  it('drops zero padding, maps codes to names and fills a template', () => {
    expect(areaValue({ property: 'c', integer: true }, { c: '007' }, null, 'k')).toBe('7');
    expect(areaValue({ property: 'c', map: { E: 'East' } }, { c: 'E' }, null, 'k')).toBe('East');
    expect(areaValue({ property: 'c', map: { E: 'East' } }, { c: 'Q' }, null, 'k')).toBe('Q');
    expect(areaValue({ template: 'District {}' }, {}, 3, 'k')).toBe('District 3');
  });
  it('refuses a missing key rather than inventing one', () => {
    expect(() => areaValue({ property: 'c', integer: true }, {}, null, 'toronto key')).toThrow(
      /toronto key: missing/,
    );
  });
});

describe('boundary and population sources from the city configs', () => {
  it('names a boundary source for every level of every city', () => {
    const levels = cities.flatMap((c) => c.levels.map((l) => `${c.id}/${l.id}`));
    expect(boundarySources(cities).map((b) => `${b.city}/${b.level}`)).toEqual(levels);
    expect(levels).toHaveLength(12);
  });

  it('names a population source exactly for the levels that have population', () => {
    const withPopulation = cities.flatMap((c) =>
      c.levels.filter((l) => l.hasPopulation).map((l) => `${c.id}/${l.id}`),
    );
    expect(populationSources(cities).map((p) => `${p.city}/${p.level}`)).toEqual(withPopulation);
  });

  it
    .runIf(existsSync(SHARED))
    .each(boundarySources(cities).map((b) => [`${b.city}/${b.level}`, b]))(
    '%s read from the shared data equals the committed full-resolution file',
    (_name, source) => {
      const { features } = normaliseLevel(source);
      const committed = readFileSync(
        path.join(ROOT, 'data/boundaries', source.city, `${source.level}.geojson`),
        'utf8',
      );
      expect(JSON.stringify({ type: 'FeatureCollection', features })).toBe(committed);
    },
  );
});
