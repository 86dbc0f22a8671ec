/**
 * /api/patterns through its route handler on a fixture city (tests/fixtures/cities, loaded
 * through CITY_CONFIG_DIR) run by the real pipeline CLI twice: first from a file with opening
 * times, then from the same reports published with dates only. The mart detects the date-only
 * months in SQL; the route then says "opening times not published" instead of a grid of midnights,
 * and a bad or unknown parameter is answered 400 / 404, never 5xx. The routes' answer cache
 * (lib/api/body-cache.ts) answers a repeat without a query and a newly published file afresh.
 */
import { spawnSync } from 'node:child_process';
import {
  copyFileSync,
  mkdtempSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { ApiError, PatternsResponse } from '@/lib/api/types';

vi.mock('server-only', () => ({}));

const ROOT = path.resolve(__dirname, '..', '..');
const FIXTURE = path.join(ROOT, 'tests/fixtures/city-testville/reports.csv');
const dir = mkdtempSync(path.join(tmpdir(), 'atlas311-patterns-'));
const timedWarehouse = path.join(dir, 'timed.duckdb');
const datesWarehouse = path.join(dir, 'dates.duckdb');

process.env.CITY_CONFIG_DIR = path.join(ROOT, 'tests/fixtures/cities');

function pipeline(warehouse: string, file: string) {
  const run = spawnSync(
    process.execPath,
    [
      '--import',
      'tsx',
      'pipeline/cli.ts',
      '--city',
      'testville',
      '--source',
      'file',
      '--path',
      file,
      '--warehouse',
      warehouse,
    ],
    { cwd: ROOT, encoding: 'utf8', env: { ...process.env, LOG_LEVEL: 'warn' } },
  );
  expect(run.status, run.stderr).toBe(0);
}

/** The route handler against one warehouse (the server reads its path from the environment). */
const server = globalThis as unknown as { atlasWarehouse?: { close(): Promise<void> } };

async function get<T>(warehouse: string, query: string): Promise<{ status: number; body: T }> {
  if (process.env.DUCKDB_PATH !== warehouse) {
    await server.atlasWarehouse?.close();
    delete server.atlasWarehouse;
    vi.resetModules();
    process.env.DUCKDB_PATH = warehouse;
  }
  const { GET } = await import('@/app/api/patterns/route');
  const response = await GET(new Request(`http://localhost/api/patterns?${query}`));
  return { status: response.status, body: (await response.json()) as T };
}

const base = 'city=testville&level=ward&from=2024-01-01&to=2024-12-31';

beforeAll(() => {
  const text = readFileSync(FIXTURE, 'utf8');
  const timed = path.join(dir, 'reports-timed.csv');
  const dates = path.join(dir, 'reports-dates.csv');
  // the fixture opens every report at 09:00; spread them over the day so the peak is real
  let i = 0;
  writeFileSync(
    timed,
    text.replace(/T09:00:00/g, () => `T${String(8 + (i++ % 3)).padStart(2, '0')}:15:00`),
  );
  writeFileSync(dates, text.replace(/T09:00:00/g, ''));
  pipeline(timedWarehouse, timed);
  pipeline(datesWarehouse, dates);
}, 120_000);
afterAll(async () => {
  await server.atlasWarehouse?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('GET /api/patterns', () => {
  it('answers the grid for a city with opening times, every request in it', async () => {
    const { status, body } = await get<PatternsResponse>(timedWarehouse, base);
    expect(status, JSON.stringify(body)).toBe(200);
    expect(body.hasOpenTimes).toBe(true);
    expect(body.total).toBe(12);
    expect(body.timed).toBe(12);
    expect(body.rows).toHaveLength(7);
    expect(body.rows.every((row) => row.counts.length === 24)).toBe(true);
    expect(body.rows.flatMap((row) => row.counts.slice(8, 11)).reduce((a, b) => a + b, 0)).toBe(12);
    expect(body.summary).toMatch(/^Most reports arrive \w+days (8–10|9–11) am/);
    expect(body.note).toBeNull();
  });

  it('says "opening times not published" for a source with dates only', async () => {
    const { status, body } = await get<PatternsResponse>(datesWarehouse, base);
    expect(status).toBe(200);
    expect(body.hasOpenTimes).toBe(false);
    expect(body.total).toBe(12);
    expect(body.untimed).toBe(12);
    expect(body.timed).toBe(0);
    expect(body.peak).toBeNull();
    expect(body.summary).toBeNull();
    expect(body.note).toMatch(/^Opening times not published/);
  });

  it('answers a bad parameter with 400 naming it and an unknown area with 404', async () => {
    const bad = await get<ApiError>(timedWarehouse, `${base}&hour=9`);
    expect(bad.status).toBe(400);
    expect(bad.body.parameter).toBe('hour');
    const unknown = await get<ApiError>(timedWarehouse, `${base}&area=nowhere`);
    expect(unknown.status).toBe(404);
  });
});

describe("the routes' answer cache", () => {
  const cache = () =>
    (globalThis as unknown as { atlasBodyCache?: { hits: number; misses: number } }).atlasBodyCache;

  it('answers a repeat from the published file, and the next published file afresh', async () => {
    const live = path.join(dir, 'live.duckdb');
    copyFileSync(timedWarehouse, live);
    const first = await get<PatternsResponse>(live, base);
    expect(first.body.hasOpenTimes).toBe(true);
    const before = { ...cache()! };
    const again = await get<PatternsResponse>(live, base);
    expect(again.body).toEqual(first.body);
    expect(cache()!.hits).toBe(before.hits + 1);
    expect(cache()!.misses).toBe(before.misses);
    // The pipeline publishes by renaming a new file over the old one.
    copyFileSync(datesWarehouse, `${live}.next`);
    renameSync(`${live}.next`, live);
    // The driver looks at the file at most every 500 ms (lib/warehouse/duckdb/connection.ts).
    await new Promise((resolve) => setTimeout(resolve, 700));
    const after = await get<PatternsResponse>(live, base);
    expect(after.body.hasOpenTimes).toBe(false);
    expect(after.body.note).toMatch(/^Opening times not published/);
  });
});
