/**
 * `npm run bench`: speed and memory, measured side by side in one run, printed as ratios and
 * written to bench/latest.json. Timings are never asserted in tests; this is where they live.
 *
 * Pipeline (San Francisco's scale): SF-shaped files in the 2023 Socrata layout at 1 M and 6.6 M
 * rows. For each: DuckDB's bare read_csv of the file (the floor), the full pipeline (lake,
 * contract, quarantine, spatial join, marts), and an incremental run adding one month.
 * Web: bench/web.ts (API latency against static JSON, paint times, bytes).
 *
 * Options: --sizes 1000000,6600000   --skip-web   --skip-pipeline
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { figure, type Figures } from './figures';

const root = process.cwd();
const benchDir = path.join(root, 'data', 'bench');
const { values } = parseArgs({
  options: {
    sizes: { type: 'string', default: '1000000,6600000' },
    'skip-web': { type: 'boolean', default: false },
    'skip-pipeline': { type: 'boolean', default: false },
  },
});

interface ChildResult {
  rows: number;
  seconds: number;
  maxRssMb: number;
  /** Seconds per pipeline stage (pipeline runs only); `load.<phase>` are parts of `load`. */
  stages?: Record<string, number>;
}

function child(mode: string, file: string, target: string): ChildResult {
  const result = spawnSync(
    process.execPath,
    ['--import', 'tsx', 'bench/pipeline-child.ts', mode, file, target],
    {
      cwd: root,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'inherit'],
      maxBuffer: 1 << 26,
    },
  );
  if (result.status !== 0) throw new Error(`${mode} ${file} failed (exit ${result.status})`);
  const line = result.stdout.trim().split('\n').at(-1) ?? '{}';
  return JSON.parse(line) as ChildResult;
}

function generate(rows: number, out: string, appendMonth?: string) {
  if (existsSync(out)) return;
  const args = [
    '--import',
    'tsx',
    'tools/generate/sf-bench-cli.ts',
    '--rows',
    String(rows),
    '--out',
    out,
  ];
  args.push('--seed', '415', '--from', '2008-07-01', '--to', '2025-12-31');
  if (appendMonth) args.push('--append-month', appendMonth);
  console.log(`generating ${path.relative(root, out)}`);
  execFileSync(process.execPath, args, { cwd: root, stdio: 'inherit' });
}

const label = (rows: number) => (rows >= 1e6 ? `${+(rows / 1e6).toFixed(1)}m` : `${rows / 1000}k`);

function pipelineBench(): Figures {
  const figures: Figures = {};
  const table: Record<string, string | number>[] = [];
  const stageTables: { name: string; full: Record<string, number>; inc: Record<string, number> }[] =
    [];
  mkdirSync(benchDir, { recursive: true });
  for (const rows of values.sizes.split(',').map(Number)) {
    const name = label(rows);
    const base = path.join(benchDir, `sf-${name}.csv`);
    const increment = path.join(benchDir, `sf-${name}-2026-01.csv`);
    generate(rows, base);
    generate(rows, increment, '2026-01');
    const work = path.join(benchDir, `run-${name}`);
    rmSync(work, { recursive: true, force: true });
    mkdirSync(work, { recursive: true });
    const warehouse = path.join(work, 'warehouse.duckdb');

    const key = `pipeline.sf_${name}`;
    console.log(`\n${name}: floor (bare read_csv)`);
    const floor = child('floor', base, path.join(work, 'floor.duckdb'));
    rmSync(path.join(work, 'floor.duckdb'), { force: true });
    console.log(`${name}: full pipeline`);
    const full = child('pipeline', base, warehouse);
    console.log(`${name}: incremental month`);
    const inc = child('pipeline', increment, warehouse);

    console.log(`${name}: spatial join (grid) over the file's points`);
    const spatial = child('spatial', base, '-');
    const pointsPerSecond = spatial.stages?.points_per_second ?? 0;
    figures[`${key}.spatial_points_per_second`] = figure(pointsPerSecond, 'points/s');
    // Goals are upper bounds: ≥ 2 M points/s is ≤ 0.5 s per million points.
    figures[`${key}.spatial_seconds_per_million_points`] = figure(
      1e6 / Math.max(pointsPerSecond, 1),
      's',
      0.5,
    );

    const ratio = full.seconds / floor.seconds;
    const incShare = inc.seconds / full.seconds;
    table.push({
      size: name,
      'floor s': +floor.seconds.toFixed(1),
      'pipeline s': +full.seconds.toFixed(1),
      'pipeline ÷ floor': +ratio.toFixed(2),
      'rows/s': Math.round(full.rows / full.seconds),
      'increment s': +inc.seconds.toFixed(1),
      'increment ÷ full': +incShare.toFixed(3),
      'peak MB': Math.round(full.maxRssMb),
      'floor peak MB': Math.round(floor.maxRssMb),
    });
    figures[`${key}.floor_seconds`] = figure(floor.seconds, 's');
    figures[`${key}.pipeline_seconds`] = figure(full.seconds, 's');
    figures[`${key}.pipeline_rows_per_second`] = figure(full.rows / full.seconds, 'rows/s');
    figures[`${key}.pipeline_vs_floor`] = figure(ratio, 'ratio', 2.0);
    figures[`${key}.increment_seconds`] = figure(inc.seconds, 's');
    figures[`${key}.increment_vs_full`] = figure(incShare, 'ratio', 0.1);
    figures[`${key}.peak_memory`] = figure(full.maxRssMb, 'MB', rows >= 6e6 ? 3072 : null);
    for (const [run, result] of [
      ['stage', full],
      ['increment_stage', inc],
    ] as const) {
      for (const [stage, seconds] of Object.entries(result.stages ?? {}))
        figures[`${key}.${run}.${stage}_seconds`] = figure(seconds, 's');
    }
    stageTables.push({ name, full: full.stages ?? {}, inc: inc.stages ?? {} });
    rmSync(work, { recursive: true, force: true });
  }
  console.log('\nPipeline at San Francisco scale');
  console.table(table);
  for (const { name, full, inc } of stageTables) {
    console.log(`\n${name}: seconds per stage (load.* are parts of load)`);
    console.table(
      [...new Set([...Object.keys(full), ...Object.keys(inc)])].map((stage) => ({
        stage,
        full: full[stage] ?? 0,
        increment: inc[stage] ?? 0,
      })),
    );
  }
  return figures;
}

/**
 * The previous figures, less the per-stage seconds of every size measured now: a stage renamed
 * or folded into another (e.g. "check" into "type, judge and dedupe") must not linger beside the
 * new ones.
 */
function withoutStaleStages(previous: Figures, measured: Figures): Figures {
  const suffix = '.pipeline_seconds';
  const sizes = Object.keys(measured)
    .filter((name) => name.endsWith(suffix))
    .map((name) => name.slice(0, -suffix.length));
  return Object.fromEntries(
    Object.entries(previous).filter(
      ([name]) =>
        !sizes.some(
          (key) => name.startsWith(`${key}.stage.`) || name.startsWith(`${key}.increment_stage.`),
        ),
    ),
  );
}

async function main() {
  const figures: Figures = {};
  if (!values['skip-pipeline']) Object.assign(figures, pipelineBench());
  if (!values['skip-web']) {
    const { runWebBench } = await import('./web');
    Object.assign(figures, await runWebBench());
  }
  const out = path.join(root, 'bench', 'latest.json');
  const previous = existsSync(out)
    ? (JSON.parse(readFileSync(out, 'utf8')) as { figures?: Figures })
    : {};
  const merged = {
    measuredAt: new Date().toISOString(),
    machine: '2 cores, 24 GiB',
    figures: { ...withoutStaleStages(previous.figures ?? {}, figures), ...figures },
  };
  writeFileSync(out, `${JSON.stringify(merged, null, 2)}\n`);
  const failed = Object.entries(figures).filter(([, f]) => !f.pass);
  console.log(
    `\nwrote bench/latest.json (${Object.keys(figures).length} figures, ${failed.length} missing their goal)`,
  );
  for (const [name, f] of failed)
    console.log(`  missed: ${name} = ${f.value} ${f.unit} (goal ≤ ${f.goal})`);
}

await main();
