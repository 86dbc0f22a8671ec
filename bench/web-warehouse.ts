/**
 * The web bench's warehouse: SF-shaped requests generated in the Socrata layout and loaded by the
 * real pipeline (pipeline/cli.ts) in a child process. Reused while it is newer than the generator.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const GENERATOR = 'tools/generate/sf-bench-cli.ts';
/** Node's fs.readFile limit: the pipeline reads a `--source file` input whole. */

export interface WarehouseBuild {
  warehouse: string;
  rows: number;
  /** False when an existing warehouse, newer than the generator, was reused. */
  built: boolean;
  generateSeconds?: number;
  pipelineSeconds?: number;
  pipelinePeakMb?: number;
}

/** `10m`, `6.6m`, `500k`: the label in file names and notes. */
export function rowsLabel(rows: number): string {
  return rows >= 1e6 ? `${+(rows / 1e6).toFixed(1)}m` : `${rows / 1000}k`;
}

/** Runs `node <args>` under GNU time when present, for the child's peak memory. */
function timedNode(root: string, args: string[]): { seconds: number; peakMb?: number } {
  const timeFile = path.join(root, 'data', 'bench', `.web-time-${process.pid}`);
  // GNU time writes its file before the child starts: on a fresh checkout the folder must exist.
  mkdirSync(path.dirname(timeFile), { recursive: true });
  const useTime = existsSync('/usr/bin/time');
  const started = performance.now();
  const result = useTime
    ? spawnSync('/usr/bin/time', ['-f', '%M', '-o', timeFile, process.execPath, ...args], {
        cwd: root,
        stdio: ['ignore', 'inherit', 'inherit'],
      })
    : spawnSync(process.execPath, args, { cwd: root, stdio: ['ignore', 'inherit', 'inherit'] });
  const seconds = (performance.now() - started) / 1000;
  if (result.status !== 0) {
    throw new Error(`node ${args.slice(2).join(' ')} failed (exit ${result.status})`);
  }
  let peakMb: number | undefined;
  if (useTime && existsSync(timeFile)) {
    const kb = Number(readFileSync(timeFile, 'utf8').trim().split('\n').at(-1));
    if (Number.isFinite(kb)) peakMb = kb / 1024;
    rmSync(timeFile, { force: true });
  }
  return { seconds, ...(peakMb === undefined ? {} : { peakMb }) };
}

/**
 * `data/bench/web-<n>/warehouse.duckdb`, built from `data/bench/sf-<n>.csv` unless a warehouse
 * newer than the generator is already there.
 */
export function ensureWarehouse(root: string, rows: number): WarehouseBuild {
  const label = rowsLabel(rows);
  const dir = path.join(root, 'data', 'bench', `web-${label}`);
  const warehouse = path.join(dir, 'warehouse.duckdb');
  const generatorTime = statSync(path.join(root, GENERATOR)).mtimeMs;
  const stats = path.join(dir, 'build.json');
  if (existsSync(warehouse) && statSync(warehouse).mtimeMs > generatorTime) {
    // The build's own figures, kept beside it so a reused warehouse still reports them.
    const previous = existsSync(stats)
      ? (JSON.parse(readFileSync(stats, 'utf8')) as Partial<WarehouseBuild>)
      : {};
    return { ...previous, warehouse, rows, built: false };
  }
  const csv = path.join(root, 'data', 'bench', `sf-${label}.csv`);
  let generateSeconds = 0;
  // The pipeline bench writes the same file with the same seed and range: reuse it.
  if (!existsSync(csv) || statSync(csv).mtimeMs < generatorTime) {
    console.log(`web bench: generating ${path.relative(root, csv)}`);
    const generated = timedNode(root, [
      '--import',
      'tsx',
      GENERATOR,
      '--rows',
      String(rows),
      '--seed',
      '415',
      '--from',
      '2008-07-01',
      '--to',
      '2025-12-31',
      '--out',
      csv,
    ]);
    generateSeconds = generated.seconds;
  }
  // A fresh directory: a half-built warehouse or an old lake must not count as unchanged input.
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  console.log(`web bench: loading ${rows} rows with the pipeline into ${path.relative(root, dir)}`);
  const loaded = timedNode(root, [
    '--import',
    'tsx',
    'pipeline/cli.ts',
    '--city',
    'san-francisco',
    '--source',
    'file',
    '--path',
    csv,
    '--warehouse',
    warehouse,
  ]);
  const build: WarehouseBuild = {
    warehouse,
    rows,
    built: true,
    generateSeconds,
    pipelineSeconds: loaded.seconds,
    ...(loaded.peakMb === undefined ? {} : { pipelinePeakMb: loaded.peakMb }),
  };
  const { generateSeconds: g, pipelineSeconds: p, pipelinePeakMb: m } = build;
  writeFileSync(
    stats,
    `${JSON.stringify({ generateSeconds: g, pipelineSeconds: p, pipelinePeakMb: m })}\n`,
  );
  return build;
}
