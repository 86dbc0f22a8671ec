/**
 * The Minneapolis sample generator: determinism, the ArcGIS FeatureServer page layout, and the
 * quirks the pipeline must handle (repeated CASEIDs, placeholder point, null coordinates),
 * checked on the committed pages.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as turf from '@turf/turf';
import type { FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  chicagoToUtc,
  generateMinneapolisPages,
  localYear,
  MINNEAPOLIS_FIELDS,
  pageFileName,
  PLACEHOLDER_POINT,
} from '@/tools/generate/minneapolis';
import type { MinneapolisFeature, MinneapolisPage } from '@/tools/generate/minneapolis';

const ROOT = join(import.meta.dirname, '..', '..');
const SAMPLE_DIR = join(ROOT, 'data/samples/minneapolis');
const FIELD_NAMES = MINNEAPOLIS_FIELDS.map((f) => f.name);

type Areas = FeatureCollection<Polygon | MultiPolygon, { area_key: string; area_name: string }>;

let areas: Areas;
let pages: { file: string; page: MinneapolisPage }[];
let features: MinneapolisFeature[];

beforeAll(() => {
  areas = JSON.parse(
    readFileSync(join(ROOT, 'data/boundaries/minneapolis/neighborhood.geojson'), 'utf8'),
  ) as Areas;
  pages = readdirSync(SAMPLE_DIR)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((file) => ({
      file,
      page: JSON.parse(readFileSync(join(SAMPLE_DIR, file), 'utf8')) as MinneapolisPage,
    }));
  features = pages.flatMap((p) => p.page.features);
});

describe('generateMinneapolisPages', () => {
  const options = { rows: 600, from: '2024-01-01', to: '2024-12-31', seed: 5, pageSize: 250 };

  it('gives identical pages for the same seed and different pages for another seed', () => {
    const a = JSON.stringify([...generateMinneapolisPages(areas, options)]);
    const b = JSON.stringify([...generateMinneapolisPages(areas, options)]);
    const c = JSON.stringify([...generateMinneapolisPages(areas, { ...options, seed: 6 })]);
    expect(a).toBe(b);
    expect(c).not.toBe(a);
  });

  it('reproduces the committed pages from the documented command', () => {
    const generated = generateMinneapolisPages(areas, {
      rows: 8000,
      from: '2024-01-01',
      to: '2025-12-31',
      seed: 612,
      pageSize: 1000,
    });
    const files: string[] = [];
    for (const [year, list] of generated)
      list.forEach((page, i) => {
        const file = pageFileName(year, i + 1);
        files.push(file);
        expect(`${JSON.stringify(page)}\n`, file).toBe(
          readFileSync(join(SAMPLE_DIR, file), 'utf8'),
        );
      });
    expect(files.sort()).toEqual(pages.map((p) => p.file));
  });

  it('pages by pageSize with exceededTransferLimit on every page but the last of a year', () => {
    const generated = generateMinneapolisPages(areas, options);
    const year = generated.get(2024) ?? [];
    expect(year.length).toBe(Math.ceil(year.reduce((a, p) => a + p.features.length, 0) / 250));
    year.forEach((page, i) => {
      expect(page.exceededTransferLimit).toBe(i < year.length - 1);
      if (i < year.length - 1) expect(page.features).toHaveLength(250);
    });
  });
});

describe('chicagoToUtc', () => {
  it('applies CST in winter and CDT in summer', () => {
    expect(chicagoToUtc(Date.UTC(2024, 0, 15, 9)) - Date.UTC(2024, 0, 15, 9)).toBe(6 * 3_600_000);
    expect(chicagoToUtc(Date.UTC(2024, 6, 15, 9)) - Date.UTC(2024, 6, 15, 9)).toBe(5 * 3_600_000);
  });
});

describe('committed Minneapolis pages', () => {
  it('are named public311-<year>-page-NNN.json for 2024 and 2025', () => {
    for (const { file } of pages) expect(file).toMatch(/^public311-202[45]-page-\d{3}\.json$/);
    expect(pages.some((p) => p.file === 'public311-2024-page-001.json')).toBe(true);
    expect(pages.some((p) => p.file === 'public311-2025-page-001.json')).toBe(true);
  });

  it('have the FeatureServer page shape with 1,000 features per full page', () => {
    for (const { file, page } of pages) {
      expect(page.objectIdFieldName).toBe('OBJECTID');
      expect(page.fields.map((f) => f.name)).toEqual(FIELD_NAMES);
      expect(typeof page.exceededTransferLimit).toBe('boolean');
      if (page.exceededTransferLimit) expect(page.features, file).toHaveLength(1000);
      else expect(page.features.length).toBeLessThanOrEqual(1000);
    }
    expect(features.length).toBeGreaterThanOrEqual(8000);
  });

  it('give every feature exactly the documented attributes with epoch-ms dates', () => {
    for (const { attributes: a } of features) {
      expect(Object.keys(a)).toEqual(FIELD_NAMES);
      expect(Number.isInteger(a.OPENEDDATETIME)).toBe(true);
      expect(a.OPENEDDATETIME).toBeGreaterThan(Date.UTC(2024, 0, 1));
      expect(a.OPENEDDATETIME).toBeLessThan(Date.UTC(2026, 0, 2));
      expect(a.LastUpdateDate).toBeGreaterThanOrEqual(a.OPENEDDATETIME);
      if (a.CLOSEDDATETIME !== null) {
        expect(a.CASESTATUS).toBe('Closed');
        expect(a.CLOSEDDATETIME).toBeGreaterThanOrEqual(a.OPENEDDATETIME);
      }
      expect(['Open', 'Closed', 'Canceled']).toContain(a.CASESTATUS);
    }
  });

  it('number OBJECTIDs 1..n within each yearly layer and file pages by local opening year', () => {
    for (const year of [2024, 2025]) {
      const list = pages
        .filter((p) => p.file.includes(`-${year}-`))
        .flatMap((p) => p.page.features);
      expect(list.map((f) => f.attributes.OBJECTID)).toEqual(list.map((_, i) => i + 1));
      for (const f of list) expect(localYear(f.attributes.OPENEDDATETIME)).toBe(year);
    }
  });

  it('keep XCOORD/YCOORD equal to the geometry, inside a real neighbourhood unless placeholder', () => {
    let inside = 0;
    for (const { attributes: a, geometry } of features) {
      if (geometry === null) {
        expect(a.XCOORD).toBeNull();
        expect(a.YCOORD).toBeNull();
        continue;
      }
      expect(a.XCOORD).toBe(geometry.x);
      expect(a.YCOORD).toBe(geometry.y);
      if (geometry.x === PLACEHOLDER_POINT.x && geometry.y === PLACEHOLDER_POINT.y) continue;
      const hit = areas.features.some((area) =>
        turf.booleanPointInPolygon([geometry.x, geometry.y], area),
      );
      expect(hit).toBe(true);
      inside += 1;
    }
    expect(inside / features.length).toBeGreaterThan(0.97);
  });

  it('include a few placeholder points and a few null coordinates', () => {
    const placeholder = features.filter(
      (f) => f.geometry?.x === PLACEHOLDER_POINT.x && f.geometry.y === PLACEHOLDER_POINT.y,
    ).length;
    const missing = features.filter((f) => f.geometry === null).length;
    expect(placeholder).toBeGreaterThan(20);
    expect(placeholder / features.length).toBeLessThan(0.02);
    expect(missing).toBeGreaterThan(20);
    expect(missing / features.length).toBeLessThan(0.02);
  });

  it('repeat some CASEIDs as updated versions with a later LastUpdateDate', () => {
    const byCase = new Map<string, MinneapolisFeature[]>();
    for (const f of features) {
      const list = byCase.get(f.attributes.CASEID) ?? [];
      list.push(f);
      byCase.set(f.attributes.CASEID, list);
    }
    const repeated = [...byCase.values()].filter((list) => list.length > 1);
    expect(repeated.length).toBeGreaterThan(50);
    expect(byCase.size).toBe(8000);
    for (const list of repeated) {
      const [first, second] = [...list].sort(
        (x, y) => x.attributes.LastUpdateDate - y.attributes.LastUpdateDate,
      );
      expect(second!.attributes.LastUpdateDate).toBeGreaterThan(first!.attributes.LastUpdateDate);
      expect(first!.attributes.CASESTATUS).toBe('Open');
      expect(second!.attributes.CASESTATUS).toBe('Closed');
    }
  });

  it('puts snow complaints in winter and tall grass in summer', () => {
    const month = (f: MinneapolisFeature) =>
      new Date(f.attributes.OPENEDDATETIME - 6 * 3_600_000).getUTCMonth() + 1;
    const snow = features.filter((f) => /snow/i.test(f.attributes.TYPENAME));
    const grass = features.filter((f) => /tall grass/i.test(f.attributes.TYPENAME));
    expect(snow.length).toBeGreaterThan(100);
    expect(
      snow.filter((f) => [11, 12, 1, 2, 3].includes(month(f))).length / snow.length,
    ).toBeGreaterThan(0.9);
    expect(
      grass.filter((f) => month(f) >= 5 && month(f) <= 9).length / grass.length,
    ).toBeGreaterThan(0.85);
  });
});
