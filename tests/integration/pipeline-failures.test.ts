/**
 * A failed run leaves a trace: a `failed` line per city in data/runs.jsonl (step, reason,
 * counts so far), its quarantined rows in data/failed/<run>/quarantine.parquet where the error
 * message says, the failure copied into `pipeline_runs` by the next published run, and
 * `--status` showing the last failure per city.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DuckDBInstance } from '@duckdb/node-api';
import { readRuns } from '@/pipeline/run-log';
import { ROOT, sandbox, type Sandbox } from '../support/pipeline';

const HEADER =
  'service_request_id,requested_datetime,updated_datetime,closed_date,status_description,service_name,service_subtype,agency_responsible,source,supervisor_district,lat,long';

function line(id: string, opened: string): string {
  return `${id},${opened},${opened},,Open,Street and Sidewalk Cleaning,Bulky Items,Recology_Abandoned,Phone,3,37.7986,-122.4076`;
}

const GOOD = ['100', '200', '300'].map((id, i) => line(id, `2024-0${i + 1}-10T09:00:00.000`));
const BAD = [
  line('501', 'not a date'),
  line('502', '2031-01-01T00:00:00.000'),
  line('503', '1999-01-01T00:00:00.000'),
  line('504', ''),
];

async function parquetRows(file: string): Promise<{ reason: string; raw: string }[]> {
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  try {
    const reader = await connection.runAndReadAll(
      `select reason, raw from read_parquet('${file.replaceAll("'", "''")}') order by line`,
    );
    return reader.getRowObjectsJS() as { reason: string; raw: string }[];
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}

describe('failed runs', () => {
  let box: Sandbox;
  beforeEach(() => {
    box = sandbox(['san-francisco']);
  });
  afterEach(() => box.cleanup());

  const file = (name: string, lines: string[], header = HEADER) => {
    const target = path.join(box.dir, name);
    writeFileSync(target, [header, ...lines].join('\n') + '\n');
    return target;
  };
  const runLog = () => readRuns(path.join(box.dir, 'runs.jsonl'));
  const status = () =>
    spawnSync(
      process.execPath,
      ['--import', 'tsx', 'pipeline/cli.ts', '--status', '--warehouse', box.warehouse],
      { cwd: ROOT, encoding: 'utf8', env: { ...process.env, LOG_LEVEL: 'silent' } },
    ).stdout;

  it('keeps the row and the quarantined rows of a run that fails on the quarantine threshold', async () => {
    const error = await box
      .run({ source: 'file', filePath: file('bad.csv', [...GOOD, ...BAD]) })
      .then(
        () => undefined,
        (e: unknown) => e as Error,
      );
    expect(error?.message).toMatch(/4 of 7 rows quarantined/);
    expect(existsSync(box.warehouse)).toBe(false);

    const [run, ...others] = runLog();
    expect(others).toEqual([]);
    expect(run).toMatchObject({
      city: 'san-francisco',
      source: 'file',
      status: 'failed',
      step: 'quality gate',
      rows_read: 7,
      rows_loaded: 3,
      rows_quarantined: 4,
      rows_superseded: 0,
    });
    expect(run!.error).toMatch(/4 of 7 rows quarantined/);
    // The message points at the file that holds the rows, and it is there.
    const kept = path.join(box.dir, run!.quarantine_file!);
    expect(kept).toBe(path.join(box.dir, 'failed', run!.run_id, 'quarantine.parquet'));
    expect(error?.message).toContain(path.relative(process.cwd(), kept));
    const rows = await parquetRows(kept);
    expect(rows.map((r) => r.reason)).toEqual([
      'opened_unparseable',
      'opened_in_future',
      'opened_before_system_start',
      'opened_missing',
    ]);
    expect(JSON.parse(rows[0]!.raw)).toMatchObject({ service_request_id: '501' });

    expect(status()).toMatch(/Last failed run per city[\s\S]*san-francisco[\s\S]*quality gate/);

    // The next published run copies the failure into pipeline_runs.
    const ok = await box.run({ source: 'file', filePath: file('good.csv', GOOD) });
    const runs = await box.query<{
      run_id: string;
      status: string;
      step: string | null;
      rows_read: number;
    }>(`select run_id, status, step, rows_read from pipeline_runs order by status`);
    expect(runs).toEqual([
      { run_id: run!.run_id, status: 'failed', step: 'quality gate', rows_read: 7 },
      { run_id: ok.runId, status: 'success', step: null, rows_read: 3 },
    ]);
    expect(runLog().map((r) => r.status)).toEqual(['failed', 'success']);
  });

  it('records a run stopped by SIGTERM, and the next run takes over its lock', async () => {
    const cli = (killAtStep?: string) =>
      new Promise<{ code: number | null; stderr: string }>((resolve, reject) => {
        const child = spawn(
          process.execPath,
          [
            '--import',
            'tsx',
            'pipeline/cli.ts',
            '--city',
            'san-francisco',
            '--warehouse',
            box.warehouse,
          ],
          {
            cwd: ROOT,
            env: { ...process.env, LOG_LEVEL: 'debug' },
            stdio: ['ignore', 'ignore', 'pipe'],
          },
        );
        let stderr = '';
        child.stderr.on('data', (chunk: Buffer) => {
          stderr += chunk.toString();
          if (killAtStep && stderr.includes(`"step":"${killAtStep}","msg":"step started"`)) {
            killAtStep = undefined;
            child.kill('SIGTERM');
          }
        });
        child.on('error', reject);
        child.on('exit', (code) => resolve({ code, stderr }));
      });
    const stopped = await cli('marts');
    expect(stopped.code).toBe(143);
    expect(stopped.stderr).toContain('interrupted by SIGTERM');
    expect(existsSync(box.warehouse)).toBe(false);
    const [run] = runLog();
    expect(run).toMatchObject({
      city: 'san-francisco',
      status: 'failed',
      step: 'marts',
      error: 'interrupted by SIGTERM (san-francisco)',
      rows_read: 9301,
    });

    const again = await cli();
    expect(again.code).toBe(0);
    expect(again.stderr).toContain('stale pipeline lock taken over');
    expect(runLog().map((r) => r.status)).toEqual(['failed', 'success']);
  });

  it('keeps the row of a run stopped by the contract, naming the step and the reason', async () => {
    await box.run({ source: 'file', filePath: file('good.csv', GOOD) });
    const header = HEADER.replace('service_name,', '');
    const broken = file('broken.csv', [line('900', '2024-04-01T09:00:00.000')], header);
    await expect(box.run({ source: 'file', filePath: broken })).rejects.toThrow(
      /unrecognised header/,
    );
    const failed = runLog().filter((r) => r.status === 'failed');
    expect(failed).toHaveLength(1);
    expect(failed[0]).toMatchObject({
      city: 'san-francisco',
      step: 'load broken.csv',
      rows_read: 0,
      rows_quarantined: 0,
    });
    expect(failed[0]!.error).toMatch(/unrecognised header/);
    expect(await parquetRows(path.join(box.dir, failed[0]!.quarantine_file!))).toEqual([]);
    // The published warehouse is the last good one.
    const [count] = await box.query<{ n: number }>(`select count(*) as n from fact_requests`);
    expect(count?.n).toBe(3);
    expect(status()).toMatch(/Last failed run per city[\s\S]*san-francisco[\s\S]*load broken\.csv/);
  });
});
