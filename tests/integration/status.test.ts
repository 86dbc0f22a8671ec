/**
 * Freshness against built warehouses: the facts of GET /api/status (lib/status.ts) checked
 * against counts made another way, a bundled sample that is honestly not stale, a live source
 * whose later runs load zero rows going stale after its cadence, and `--status
 * --check-freshness` exiting non-zero for it.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { CityConfig } from '@/lib/cities';
import { getStatus } from '@/lib/status';
import { openDuckDb } from '@/lib/warehouse/duckdb/connection';
import { fixture, startRecordedServer, type RecordedServer } from '@/tests/support/recorded-server';
import { city, ROOT, sandbox, type Sandbox } from '../support/pipeline';

const DL = '/dataset/2e54bc0e-4399-4076-b717-351df5918ae7/resource';

async function statusOf(box: Sandbox, now: Date) {
  const db = await openDuckDb(box.warehouse, { readOnly: true });
  try {
    return await getStatus(db, { now });
  } finally {
    await db.close();
  }
}

function cli(box: Sandbox, env: Record<string, string> = {}) {
  return spawnSync(
    process.execPath,
    [
      '--import',
      'tsx',
      path.join(ROOT, 'pipeline/cli.ts'),
      '--status',
      '--check-freshness',
      '--warehouse',
      box.warehouse,
    ],
    { cwd: ROOT, encoding: 'utf8', env: { ...process.env, LOG_LEVEL: 'silent', ...env } },
  );
}

describe('status and freshness', () => {
  let box: Sandbox | undefined;
  let server: RecordedServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
    box?.cleanup();
  });

  it('reports the published facts of a sample build, each matching a count made another way', async () => {
    box = sandbox(['san-francisco']);
    await box.run();
    // The bundled sample has no Unmapped type: mark one type Unmapped in the facts and in the mart
    // alike, so the unmapped figure is tested on a count that is not zero.
    const rw = await openDuckDb(box.warehouse);
    try {
      const marked = `(select type from fact_requests group by type order by count(*), type limit 1)`;
      await rw.run(`update mart_area_month set category = 'Unmapped' where type = ${marked}`);
      await rw.run(`update fact_requests set category = 'Unmapped' where type = ${marked}`);
    } finally {
      await rw.close();
    }
    const status = await statusOf(box, new Date('2027-06-01T00:00:00Z'));
    const sf = status.cities.find((c) => c.city === 'san-francisco')!;
    const [facts] = await box.query<{ n: number; months: number; other: number; to: string }>(
      `select count(*) as n, count(distinct month) as months,
         count(*) filter (where category = 'Unmapped') as other,
         strftime(max(coalesce(updated, opened)), '%Y-%m-%dT%H:%M:%S') as to
       from fact_requests`,
    );
    const [run] = await box.query<{ read: number; loaded: number; q: number; s: number }>(
      `select rows_read as read, rows_loaded as loaded, rows_quarantined as q, rows_superseded as s from pipeline_runs`,
    );
    expect(sf.rowsLoaded).toBe(facts!.n);
    expect(sf.monthsCovered).toBe(facts!.months);
    expect(facts!.other).toBeGreaterThan(0);
    expect(sf.rowsUnmapped).toBe(facts!.other);
    expect(sf.dataTo).toBe(facts!.to);
    expect(run!.read).toBe(run!.loaded + run!.q + run!.s);
    expect(sf.rowsQuarantined).toBe(run!.q);
    expect(sf.lastRun).toMatchObject({
      status: 'success',
      source: 'sample',
      rowsLoaded: run!.loaded,
    });
    expect(sf.lastSuccess?.runId).toBe(sf.lastRun?.runId);
    // Half a year later the bundled sample is still a sample, not "stale".
    expect(sf).toMatchObject({ stale: false, freshness: { mode: 'sample' } });
    // Cities never built are stale: nothing was published for them.
    expect(status.cities.find((c) => c.city === 'toronto')).toMatchObject({
      loaded: false,
      stale: true,
      freshness: { reason: 'never-published' },
    });

    // The CLI: with every configured city, the unbuilt ones are stale (exit 3); with only the
    // built city configured (CITY_CONFIG_DIR), nothing is stale (exit 0).
    const all = cli(box);
    expect(all.status).toBe(3);
    expect(all.stdout).toMatch(/san-francisco: Bundled sample/);
    expect(all.stdout).toMatch(/toronto: No run has published this city yet/);
    const configs = path.join(box.dir, 'cities');
    mkdirSync(configs);
    copyFileSync(
      path.join(ROOT, 'config/cities/san-francisco.json'),
      path.join(configs, 'san-francisco.json'),
    );
    const only = cli(box, { CITY_CONFIG_DIR: configs });
    expect(only.stderr).toBe('');
    expect(only.status).toBe(0);
  });

  it('a live source whose later runs load zero rows is a warning, then stale past its cadence', async () => {
    box = sandbox(['toronto']);
    server = await startRecordedServer([
      {
        path: '/api/3/action/package_show',
        reply: fixture('ckan/package_show-311-service-requests.json'),
      },
      { path: `${DL}/x1/download/sr2022.zip`, reply: fixture('ckan/sr2022.zip') },
      { path: `${DL}/x2/download/sr2023.zip`, reply: fixture('ckan/sr2023.zip') },
      { path: `${DL}/x3/download/sr2024.csv`, reply: fixture('ckan/sr2024.csv') },
    ]);
    const toronto = city('toronto');
    const [source] = toronto.sources;
    if (source?.kind !== 'ckan') throw new Error('Toronto should have a CKAN source');
    const live: CityConfig = { ...toronto, sources: [{ ...source, baseUrl: server.origin }] };
    const first = await box.run({
      cities: [live],
      source: 'live',
      now: () => new Date('2026-10-01T06:00:00Z'),
    });
    expect(first.cities[0]?.rowsLoaded).toBe(15);
    const second = await box.run({
      cities: [live],
      source: 'live',
      now: () => new Date('2026-10-02T06:00:00Z'),
    });
    expect(second.cities[0]?.rowsLoaded).toBe(0);

    const soon = (await statusOf(box, new Date('2026-10-10T00:00:00Z'))).cities.find(
      (c) => c.city === 'toronto',
    )!;
    expect(soon).toMatchObject({
      cadence: 'monthly',
      stale: false,
      freshness: { mode: 'live', zeroRowWarning: true },
      lastSuccess: { rowsLoaded: 0 },
    });
    expect(soon.watermark).toBe('2024-03-14T09:00:00.000Z');

    const later = (await statusOf(box, new Date('2026-11-10T00:00:00Z'))).cities.find(
      (c) => c.city === 'toronto',
    )!;
    expect(later).toMatchObject({ stale: true, freshness: { reason: 'zero-rows' } });
    expect(later.freshness.lastNonEmptySuccess).toBe('2026-10-01T06:00:00Z');

    // The CLI applies the same rule on today's clock (well past 2026-11-02): exit 3, and it says why.
    const result = cli(box);
    expect(result.status).toBe(3);
    expect(result.stdout).toMatch(
      /toronto: Stale: the live runs since 2026-10-01 loaded no new rows/,
    );
  });
});
