/**
 * A city is data: a sixth, fixture-only city (its own config, two tiny boundary files, a small
 * CSV, all under tests/fixtures/) goes through the real pipeline CLI and /api/choropleth with no
 * code naming it. It is loaded through CITY_CONFIG_DIR, so the product's city list never shows it.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { CONFIG_DIR, loadCities } from '@/lib/cities';
import type { CitiesResponse, ChoroplethResponse } from '@/lib/api/types';
import { openDuckDb } from '@/lib/warehouse/duckdb/connection';

vi.mock('server-only', () => ({}));

const ROOT = path.resolve(__dirname, '..', '..');
const FIXTURE_CITIES = path.join(ROOT, 'tests/fixtures/cities');
const dir = mkdtempSync(path.join(tmpdir(), 'atlas311-city-'));
const warehouse = path.join(dir, 'warehouse.duckdb');

// The route handlers read the city configs and the warehouse path from the environment.
process.env.CITY_CONFIG_DIR = FIXTURE_CITIES;
process.env.DUCKDB_PATH = warehouse;

const ROUTES = {
  choropleth: () => import('@/app/api/choropleth/route'),
  cities: () => import('@/app/api/cities/route'),
};

async function get<T>(
  route: keyof typeof ROUTES,
  query: string,
): Promise<{ status: number; body: T }> {
  const { GET } = await ROUTES[route]();
  const response = await GET(new Request(`http://localhost/api/${route}?${query}`));
  return { status: response.status, body: (await response.json()) as T };
}

describe('a city that exists only as configuration', () => {
  beforeAll(() => {
    const run = spawnSync(
      process.execPath,
      ['--import', 'tsx', 'pipeline/cli.ts', '--city', 'testville', '--warehouse', warehouse],
      { cwd: ROOT, encoding: 'utf8', env: { ...process.env, LOG_LEVEL: 'warn' } },
    );
    expect(run.stderr).toContain('published');
    expect(run.status).toBe(0);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('is not in the product city list, only in the override folder', () => {
    expect([...loadCities(CONFIG_DIR).keys()]).not.toContain('testville');
    expect([...loadCities().keys()]).toEqual(['testville']);
  });

  it('is loaded by the pipeline with its own status rule: no lifecycle, every record "Logged"', async () => {
    const db = await openDuckDb(warehouse, { readOnly: true });
    try {
      expect(
        await db.query(
          `select status, is_open, count(*) as n from fact_requests where city = 'testville' group by all`,
        ),
      ).toEqual([{ status: 'Logged', is_open: false, n: 12 }]);
      expect(
        await db.query(
          `select level, area_key, count(*) as n from fact_request_area group by all order by all`,
        ),
      ).toEqual([
        { level: 'ward', area_key: '1', n: 5 },
        { level: 'ward', area_key: '2', n: 6 },
        { level: 'zone', area_key: 'A', n: 5 },
        { level: 'zone', area_key: 'B', n: 5 },
      ]);
    } finally {
      await db.close();
    }
  });

  it('answers /api/choropleth by point-in-polygon level, per 1,000 residents, in its own nouns', async () => {
    const range = 'from=2024-03-01&to=2024-04-30';
    const count = await get<ChoroplethResponse>(
      'choropleth',
      `city=testville&level=ward&metric=count&${range}`,
    );
    expect(count.status).toBe(200);
    expect(count.body.unit).toBe('reports');
    expect(count.body.areas.map((a) => [a.area_key, a.area_name, a.value])).toEqual([
      ['1', 'West Ward', 5],
      ['2', 'East Ward', 6],
    ]);
    // Parts and whole: the located areas plus the unlocated report make the city total.
    expect(count.body.total).toBe(12);
    expect(count.body.unlocated).toBe(1);

    const per1000 = await get<ChoroplethResponse>(
      'choropleth',
      `city=testville&level=ward&metric=per_1000&${range}`,
    );
    expect(per1000.body.unit).toBe('reports per 1,000 residents');
    expect(per1000.body.areas.map((a) => [a.area_key, a.value])).toEqual([
      ['1', 5],
      ['2', 3],
    ]);
  });

  it('answers /api/choropleth by a level read from a column', async () => {
    const zone = await get<ChoroplethResponse>(
      'choropleth',
      'city=testville&level=zone&metric=count&from=2024-03-01&to=2024-04-30',
    );
    expect(zone.status).toBe(200);
    expect(zone.body.areas.map((a) => [a.area_key, a.value])).toEqual([
      ['A', 5],
      ['B', 5],
    ]);
    expect(zone.body.unlocated).toBe(2);
  });

  it('is listed by /api/cities with its nouns', async () => {
    const cities = await get<CitiesResponse>('cities', '');
    expect(cities.body.cities.map((c) => [c.id, c.nouns.many, c.loaded])).toEqual([
      ['testville', 'reports', true],
    ]);
  });
});
