/**
 * Publishing while serving: the pipeline rebuilds Boston with 50 more requests while the real
 * server answers a steady stream of API calls. No call may fail, and the new data must appear
 * without a restart (the server notices the atomically renamed file). The published file is
 * restored after.
 */
import { spawn } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, test, type APIRequestContext } from '@playwright/test';

const ROOT = process.cwd();
const SAMPLE = path.join(ROOT, 'data/samples/boston/boston311-2022-01-sample-100.csv');
const URL =
  '/api/choropleth?city=boston&level=neighborhood&metric=count&from=2022-01-01&to=2022-01-31';

function pipeline(args: string[]): Promise<number | null> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'pipeline/cli.ts', ...args], {
      cwd: ROOT,
      stdio: 'ignore',
    });
    child.on('error', reject);
    child.on('exit', resolve);
  });
}

async function total(request: APIRequestContext): Promise<number> {
  const response = await request.get(URL);
  expect(response.status()).toBe(200);
  return ((await response.json()) as { total: number }).total;
}

/** The sample plus `extra` new cases in Back Bay, January 2022, in the same classic layout. */
function biggerSample(extra: number): string {
  const [header, ...rows] = readFileSync(SAMPLE, 'utf8').trimEnd().split('\n');
  const columns = header!.split(',');
  const added = Array.from({ length: extra }, (_, i) => {
    const values: Record<string, string> = {
      case_enquiry_id: String(990000000000 + i),
      open_dt: `2022-01-${String(10 + (i % 15)).padStart(2, '0')} 10:00:00`,
      case_status: 'Open',
      type: 'Request for Pothole Repair',
      reason: 'Highway Maintenance',
      department: 'PWDx',
      source: 'Citizens Connect App',
      latitude: (42.3503 + (i % 7) * 0.0004).toFixed(4),
      longitude: (-71.081 + (i % 5) * 0.0004).toFixed(4),
      ontime: 'ONTIME',
    };
    return columns.map((c) => values[c] ?? '').join(',');
  });
  const dir = mkdtempSync(path.join(tmpdir(), 'atlas311-publish-'));
  const file = path.join(dir, 'boston-more.csv');
  writeFileSync(file, [header, ...rows, ...added].join('\n') + '\n');
  return file;
}

// --full would replay the added file too (it rebuilds from everything landed): restore the
// published file as it was instead, by the same atomic rename the pipeline publishes with.
const WAREHOUSE = path.join(ROOT, 'data/warehouse.duckdb');
const BACKUP = path.join(ROOT, 'data/warehouse.publish-spec.duckdb');
test.beforeAll(() => copyFileSync(WAREHOUSE, BACKUP));
// The specs after this one must see the restored file: wait until the server answers from it.
test.afterAll(async ({ playwright }, testInfo) => {
  renameSync(BACKUP, WAREHOUSE);
  const request = await playwright.request.newContext({ baseURL: testInfo.project.use.baseURL });
  await expect.poll(() => total(request), { timeout: 20_000 }).toBe(100);
  await request.dispose();
});

test('a pipeline run publishes while the server serves: no failed request, new data without a restart', async ({
  request,
}) => {
  test.setTimeout(180_000);
  const before = await total(request);
  expect(before).toBe(100);

  const statuses: number[] = [];
  let running = true;
  const load = Array.from({ length: 4 }, async () => {
    while (running) {
      const response = await request.get(URL);
      statuses.push(response.status());
      await response.body();
    }
  });
  const exit = await pipeline(['--city', 'boston', '--source', 'file', '--path', biggerSample(50)]);
  // Keep asking a little longer: the server switches files on its next request.
  await new Promise((resolve) => setTimeout(resolve, 1500));
  running = false;
  await Promise.all(load);

  expect(exit).toBe(0);
  expect(statuses.length).toBeGreaterThan(20);
  expect(statuses.filter((s) => s !== 200)).toEqual([]);
  await expect.poll(() => total(request), { timeout: 10_000 }).toBe(150);
});
