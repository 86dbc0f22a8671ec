/**
 * Freshness end to end: /status lists every city with the facts of GET /api/status, the
 * dashboard and the embeds say "Data to <date>, updated <date>", the bundled sample is not
 * called stale, and a city whose live runs load zero rows gets a visible stale banner. For the
 * last, the test appends two live-run records to the real run log beside the warehouse
 * (data/runs.jsonl, which the server reads) and restores the log afterwards.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { appendRuns, runLogPath, type RunRecord } from '../../pipeline/run-log';

interface CityStatusLike {
  city: string;
  name: string;
  loaded: boolean;
  stale: boolean;
  rowsLoaded: number;
  dataTo: string | null;
  lastSuccess: { finished: string } | null;
  freshness: { mode: string | null; reason: string | null };
}

const RUN_LOG = runLogPath(path.resolve(process.env.DUCKDB_PATH ?? 'data/warehouse.duckdb', '..'));

test('/status shows every city with the same facts as the API, and the samples are not stale', async ({
  page,
}) => {
  const response = await page.request.get('/api/status');
  expect(response.ok()).toBe(true);
  const { cities } = (await response.json()) as { cities: CityStatusLike[] };
  expect(cities.length).toBeGreaterThan(0);
  expect((await page.request.get('/api/status?cty=toronto')).status()).toBe(400);
  expect((await page.request.get('/api/status?city=atlantis')).status()).toBe(400);

  await page.goto('/status');
  await expect(page.getByRole('heading', { name: 'Data status' })).toBeVisible();
  for (const c of cities) {
    const row = page.getByTestId(`status-${c.city}`);
    await expect(row).toContainText(c.name);
    await expect(row).toContainText(c.rowsLoaded.toLocaleString('en-US'));
    await expect(row).toHaveAttribute('data-stale', String(c.stale));
    if (c.loaded) {
      expect(c).toMatchObject({ stale: false, freshness: { mode: 'sample' } });
      await expect(row).toContainText('Current (bundled sample)');
    }
  }
});

test('the dashboard and both embeds say "Data to …, updated …"', async ({ page }) => {
  const { cities } = (await (await page.request.get('/api/status?city=toronto')).json()) as {
    cities: CityStatusLike[];
  };
  const toronto = cities[0]!;
  const words = `Data to ${toronto.dataTo!.slice(0, 10)}, updated ${toronto.lastSuccess!.finished.slice(0, 10)} (bundled sample).`;
  for (const url of [
    '/?city=toronto&level=ward',
    '/embed/map?city=toronto&level=ward',
    '/embed/heatmap?city=toronto&level=ward',
  ]) {
    await page.goto(url);
    await expect(page.getByTestId('freshness-line')).toContainText(words);
    await expect(page.getByTestId('stale-banner')).toHaveCount(0);
  }
});

test.describe('a live source that stopped bringing rows', () => {
  let saved: string | null = null;
  test.beforeAll(async () => {
    saved = existsSync(RUN_LOG) ? readFileSync(RUN_LOG, 'utf8') : null;
    const now = Date.now();
    const run = (id: string, hoursAgo: number, rows: number): RunRecord => {
      const at = new Date(now - hoursAgo * 3_600_000).toISOString();
      return {
        run_id: id,
        city: 'toronto',
        source: 'live',
        started: at,
        finished: at,
        status: 'success',
        step: null,
        rows_read: rows,
        rows_loaded: rows,
        rows_quarantined: 0,
        rows_superseded: 0,
        watermark: null,
        error: null,
        quarantine_file: null,
      };
    };
    // Rows last arrived 40 days ago; a "successful" run just now (after the sample build) loaded none.
    await appendRuns(RUN_LOG, [run('e2e-live-rows', 40 * 24, 500), run('e2e-live-zero', 0, 0)]);
  });
  test.afterAll(() => {
    if (saved === null) writeFileSync(RUN_LOG, '');
    else writeFileSync(RUN_LOG, saved);
  });

  test('gets a visible stale banner on the dashboard, the embed and /status', async ({ page }) => {
    const { cities } = (await (await page.request.get('/api/status?city=toronto')).json()) as {
      cities: CityStatusLike[];
    };
    expect(cities[0]).toMatchObject({
      stale: true,
      freshness: { mode: 'live', reason: 'zero-rows' },
    });
    for (const url of ['/?city=toronto&level=ward', '/embed/map?city=toronto&level=ward']) {
      await page.goto(url);
      const banner = page.getByTestId('stale-banner');
      await expect(banner).toBeVisible();
      await expect(banner).toContainText('loaded no new rows');
    }
    // On a phone the freshness line folds away with the header's other lines; the banner stays.
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto('/?city=toronto&level=ward');
    await expect(page.getByTestId('stale-banner')).toBeVisible();
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.goto('/status');
    await expect(page.getByTestId('status-toronto')).toHaveAttribute('data-stale', 'true');
    await expect(page.getByTestId('status-toronto')).toContainText('Stale');
  });
});
