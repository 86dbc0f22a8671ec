/**
 * `npm run pipeline -- [--city <id>] [--source sample|live|file] [--path <file>]
 *   [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--full] [--status [--check-freshness]]`
 * Exit codes a scheduler can alert on: 0 success, 1 a step failed (named), 2 bad arguments or
 * configuration, 3 (--check-freshness) a city is stale.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { loadCities } from '@/lib/cities';
import { LockHeldError } from './lock';
import { createLogger, StepError } from './log';
import { recordInterruptedRun, runPipeline } from './run';
import type { PipelineResult } from './types';
import { printStatus } from './status';

const argsSchema = z
  .object({
    /** Checked against the configured cities once they are loaded. */
    city: z.string().optional(),
    source: z.enum(['sample', 'live', 'file']).default('sample'),
    path: z.string().optional(),
    from: z.iso.date().optional(),
    to: z.iso.date().optional(),
    full: z.boolean().default(false),
    status: z.boolean().default(false),
    'check-freshness': z.boolean().default(false),
    warehouse: z.string().optional(),
    target: z.enum(['duckdb', 'bigquery']).default('duckdb'),
  })
  .refine((a) => a.source !== 'file' || Boolean(a.path), {
    message: '--source file needs --path',
    path: ['path'],
  })
  .refine((a) => !a.path || existsSync(a.path), { message: 'file not found', path: ['path'] });

async function main(): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      options: {
        city: { type: 'string' },
        source: { type: 'string' },
        path: { type: 'string' },
        from: { type: 'string' },
        to: { type: 'string' },
        full: { type: 'boolean' },
        status: { type: 'boolean' },
        'check-freshness': { type: 'boolean' },
        warehouse: { type: 'string' },
        target: { type: 'string' },
      },
      strict: true,
    }).values;
  } catch (error) {
    console.error(`pipeline: ${(error as Error).message}`);
    return 2;
  }
  const args = argsSchema.safeParse(parsed);
  if (!args.success) {
    for (const issue of args.error.issues)
      console.error(`pipeline: --${issue.path.join('.')}: ${issue.message}`);
    return 2;
  }
  const options = args.data;
  const root = process.cwd();
  const warehousePath = path.resolve(
    options.warehouse ?? process.env.DUCKDB_PATH ?? 'data/warehouse.duckdb',
  );
  if (options.status || options['check-freshness']) {
    const stale = await printStatus(warehousePath);
    return options['check-freshness'] && stale > 0 ? 3 : 0;
  }
  let cities;
  try {
    const all = loadCities();
    if (options.city && !all.has(options.city)) {
      console.error(
        `pipeline: --city: unknown city "${options.city}"; configured: ${[...all.keys()].join(', ')}`,
      );
      return 2;
    }
    cities = [...all.values()].filter((c) => !options.city || c.id === options.city);
  } catch (error) {
    console.error(`pipeline: ${(error as Error).message}`);
    return 2;
  }
  const log = createLogger();
  const started = performance.now();
  // A scheduler's timeout (SIGTERM) or Ctrl-C still leaves the run's record; the next run
  // cleans the build file and takes over the lock of this (then gone) process.
  for (const [signal, code] of [
    ['SIGTERM', 143],
    ['SIGINT', 130],
  ] as const) {
    process.once(signal, () => {
      if (recordInterruptedRun(signal, warehousePath))
        console.error(`\npipeline interrupted by ${signal}: the run is recorded as failed`);
      process.exit(code);
    });
  }
  try {
    const result = await runPipeline({
      cities,
      source: options.source,
      filePath: options.path,
      from: options.from,
      to: options.to,
      full: options.full,
      warehousePath,
      rootDir: root,
      lakeDir: path.join(path.dirname(warehousePath), 'lake'),
      log,
    });
    printSummary(result, (performance.now() - started) / 1000);
    if (options.target === 'bigquery') {
      // Loaded lazily: the Google clients are only needed for this target.
      const { publishToBigQuery } = await import('./targets/bigquery-cli');
      await publishToBigQuery(result, { rootDir: root, log });
    }
    return 0;
  } catch (error) {
    const step =
      error instanceof StepError
        ? error.step
        : error instanceof LockHeldError
          ? 'lock'
          : options.target === 'bigquery'
            ? 'bigquery publish'
            : 'pipeline';
    console.error(`\npipeline FAILED at step "${step}": ${(error as Error).message}`);
    return 1;
  }
}

function printSummary(result: PipelineResult, seconds: number) {
  const rows = result.cities.map((c) => ({
    city: c.city,
    source: c.source,
    files: `${c.filesLoaded} loaded, ${c.filesSkipped} unchanged`,
    read: c.rowsRead,
    loaded: c.rowsLoaded,
    quarantined: c.rowsQuarantined,
    superseded: c.rowsSuperseded,
    months: c.monthsRebuilt,
    drift: c.drift.length
      ? c.drift
          .map(
            (d) =>
              `+${d.added.length}/-${d.removed.length}${d.unmapped?.length ? ` ${d.unmapped.length} unmapped` : ''}`,
          )
          .join(' ')
      : '',
  }));
  console.error(
    `\nrun ${result.runId} published ${path.relative(process.cwd(), result.published)} in ${seconds.toFixed(1)} s`,
  );
  console.table(rows);
}

process.exitCode = await main();
