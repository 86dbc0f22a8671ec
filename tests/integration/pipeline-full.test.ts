/**
 * `--full --city X` rebuilds a city from everything it landed: the sample, files loaded with
 * `--source file` and live pages, replayed from the lake in landing order, with the live
 * watermark kept.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDuckDb } from '@/lib/warehouse/duckdb/connection';
import { ROOT, sandbox, type Sandbox } from '../support/pipeline';

const SAMPLE = path.join(ROOT, 'data/samples/boston/boston311-2022-01-sample-100.csv');

/** The sample with every case id changed: 100 more Boston cases in the classic layout. */
function otherCases(file: string): void {
  const [header, ...lines] = readFileSync(SAMPLE, 'utf8').trimEnd().split('\n');
  writeFileSync(file, [header, ...lines.map((line) => `9${line}`)].join('\n') + '\n');
}

describe('pipeline --full', () => {
  let box: Sandbox;
  beforeEach(() => {
    box = sandbox(['boston']);
  });
  afterEach(() => box.cleanup());

  const bySource = () =>
    box.query<{ source: string; n: number }>(
      `select source, count(*) as n from fact_requests where city = 'boston' group by all order by source`,
    );
  const state = () =>
    box.query<{ source: string; watermark: string }>(
      `select source, watermark from source_state where city = 'boston' order by source`,
    );

  it('replays the sample and a loaded file, and keeps every watermark', async () => {
    await box.run({ source: 'sample' });
    const file = path.join(box.dir, 'boston-more.csv');
    otherCases(file);
    await box.run({ source: 'file', filePath: file });
    // A live watermark as a live run leaves it (ISO time of the newest edit pulled).
    const db = await openDuckDb(box.warehouse);
    await db.run(
      `insert into source_state values ('boston', 'boston-311', '2025-06-30T12:00:00.000Z', null)`,
    );
    await db.close();
    const before = await state();
    expect(await bySource()).toEqual([
      { source: 'file', n: 100 },
      { source: 'sample', n: 100 },
    ]);

    const full = await box.run({ source: 'sample', full: true });
    expect(full.cities[0]).toMatchObject({ filesLoaded: 2, rowsRead: 200, rowsLoaded: 200 });
    expect(await bySource()).toEqual([
      { source: 'file', n: 100 },
      { source: 'sample', n: 100 },
    ]);
    // Parts sum to the whole: the city's count and the marts agree with the facts.
    const [city] = await box.query<{ rows_loaded: number }>(
      `select rows_loaded from dim_city where city = 'boston'`,
    );
    expect(city?.rows_loaded).toBe(200);
    const [mart] = await box.query<{ n: number }>(
      `select sum(opened) as n from mart_area_month where city = 'boston' and level = '_city'`,
    );
    expect(Number(mart?.n)).toBe(200);
    expect(await state()).toEqual(before);
    const lake = await box.query<{ source: string; seq: number }>(
      `select source, seq from lake_files where city = 'boston' order by seq`,
    );
    expect(lake.map((l) => l.source)).toEqual(['sample', 'file']);

    // Running --full again changes nothing.
    await box.run({ source: 'sample', full: true });
    expect(await bySource()).toEqual([
      { source: 'file', n: 100 },
      { source: 'sample', n: 100 },
    ]);
  });

  it('fails, publishing nothing, when a landed input is gone from the lake', async () => {
    await box.run({ source: 'sample' });
    const [landed] = await box.query<{ path: string }>(`select path from lake_files`);
    const { rmSync } = await import('node:fs');
    rmSync(path.resolve(ROOT, landed!.path));
    await expect(box.run({ source: 'sample', full: true })).rejects.toThrow(/gone from the lake/);
    expect(await bySource()).toEqual([{ source: 'sample', n: 100 }]);
  });
});
