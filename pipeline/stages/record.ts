/**
 * What a run leaves behind: its summary per city, a success or failure line in the run log,
 * failed runs imported into pipeline_runs, and dim_city refreshed from the loaded records.
 */
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { CityConfig } from '@/lib/cities';
import type { DuckDbWarehouse } from '@/lib/warehouse/duckdb/connection';
import { LockHeldError } from '../lock';
import { StepError, type Logger } from '../log';
import { appendRuns, failedDir, readRuns, runLogPath, type RunRecord } from '../run-log';
import { literal } from '../sql-text';
import type { CityRunSummary } from '../types';

export function emptySummary(city: string, source: string): CityRunSummary {
  return {
    city,
    source,
    status: 'success',
    filesLoaded: 0,
    filesSkipped: 0,
    rowsRead: 0,
    rowsLoaded: 0,
    rowsQuarantined: 0,
    rowsSuperseded: 0,
    rowsUnchanged: 0,
    monthsRebuilt: 0,
    drift: [],
    watermark: null,
  };
}

export function runRecord(
  runId: string,
  summary: CityRunSummary,
  started: string,
  finished: Date,
  outcome: Pick<RunRecord, 'status' | 'step' | 'error'> & { quarantineFile?: string | null },
): RunRecord {
  return {
    run_id: runId,
    city: summary.city,
    source: summary.source,
    started: started.slice(0, 19),
    finished: finished.toISOString().slice(0, 19),
    status: outcome.status,
    step: outcome.step,
    rows_read: summary.rowsRead,
    rows_loaded: summary.rowsLoaded,
    rows_quarantined: summary.rowsQuarantined,
    rows_superseded: summary.rowsSuperseded,
    watermark: summary.watermark,
    error: outcome.error,
    quarantine_file: outcome.quarantineFile ?? null,
  };
}

/**
 * A failed run leaves a trace: one `failed` line per city in the run log, with the step, the
 * reason and the counts so far, and the run's quarantined rows in data/failed/<run>/.
 */
export async function recordFailure(
  error: unknown,
  context: {
    db: DuckDbWarehouse | undefined;
    dataDir: string;
    runId: string;
    started: string;
    now: () => Date;
    log: Logger;
    source: string;
    cities: string[];
    summaries: CityRunSummary[];
  },
): Promise<void> {
  const { db, dataDir, runId, log } = context;
  let quarantineFile: string | null = null;
  if (db) {
    try {
      const dir = failedDir(dataDir, runId);
      await mkdir(dir, { recursive: true });
      const file = path.join(dir, 'quarantine.parquet');
      await db.run(
        `copy (select * from quarantine where run_id = ${literal(runId)} order by city, file, line)
         to ${literal(file)} (format parquet)`,
      );
      quarantineFile = path.relative(dataDir, file);
    } catch (copyError) {
      log.error({ err: copyError }, 'quarantined rows of the failed run could not be kept');
    }
  }
  const step =
    error instanceof StepError ? error.step : error instanceof LockHeldError ? 'lock' : 'pipeline';
  // The step is recorded on its own: keep the reason without StepError's "step … failed:" prefix.
  const message = (error instanceof Error ? error.message : String(error)).replace(
    /^step "[^"]*"(?: for \S+)? failed: /,
    '',
  );
  const records = context.cities.map((city) =>
    runRecord(
      runId,
      context.summaries.find((s) => s.city === city) ?? emptySummary(city, context.source),
      context.started,
      context.now(),
      { status: 'failed', step, error: message, quarantineFile },
    ),
  );
  try {
    await appendRuns(runLogPath(dataDir), records);
  } catch (logError) {
    log.error({ err: logError }, 'failed run could not be recorded in the run log');
  }
}

/** Failed runs from the run log into `pipeline_runs`, so the published warehouse has them too. */
export async function importFailedRuns(db: DuckDbWarehouse, file: string): Promise<void> {
  for (const run of readRuns(file)) {
    if (run.status !== 'failed') continue;
    await db.run(
      `insert or ignore into pipeline_runs (run_id, city, source, started, finished, status, step,
         rows_read, rows_loaded, rows_quarantined, rows_superseded, watermark, error)
       values (?, ?, ?, cast(? as timestamp), cast(? as timestamp), 'failed', ?, ?, ?, ?, ?, ?, ?)`,
      [
        run.run_id,
        run.city,
        run.source,
        run.started,
        run.finished,
        run.step,
        run.rows_read,
        run.rows_loaded,
        run.rows_quarantined,
        run.rows_superseded,
        run.watermark,
        run.error,
      ],
    );
  }
}

export async function refreshCity(db: DuckDbWarehouse, city: CityConfig) {
  await db.run(
    `insert or replace into dim_city
     select ?, ?, ?, ?, ?, ?, min(month), max(month),
       strftime(max(coalesce(updated, opened)), '%Y-%m-%dT%H:%M:%S'), count(*)
     from fact_requests where city = ?`,
    [
      city.id,
      city.name,
      city.kind,
      city.timezone,
      city.metrics.resolution,
      city.metrics.sla,
      city.id,
    ],
  );
}

/** The city's successful run into pipeline_runs; a run that loaded nothing keeps the last watermark. */
export async function recordCityRun(
  db: DuckDbWarehouse,
  runId: string,
  source: string,
  started: string,
  now: () => Date,
  summary: CityRunSummary,
): Promise<void> {
  if (summary.watermark === null) {
    // Nothing new: the watermark stays where the last load left it.
    const [state] = await db.query<{ watermark: string | null }>(
      'select max(watermark) as watermark from source_state where city = ?',
      [summary.city],
    );
    summary.watermark = state?.watermark ?? null;
  }
  await db.run(
    `insert or replace into pipeline_runs (run_id, city, source, started, finished, status, rows_read,
       rows_loaded, rows_quarantined, rows_superseded, rows_unchanged, months_rebuilt, watermark, drift, error)
     values (?, ?, ?, cast(? as timestamp), cast(? as timestamp), 'success', ?, ?, ?, ?, ?, ?, ?, ?, null)`,
    [
      runId,
      summary.city,
      source,
      started.slice(0, 19),
      now().toISOString().slice(0, 19),
      summary.rowsRead,
      summary.rowsLoaded,
      summary.rowsQuarantined,
      summary.rowsSuperseded,
      summary.rowsUnchanged,
      summary.monthsRebuilt,
      summary.watermark,
      summary.drift.length ? JSON.stringify(summary.drift) : null,
    ],
  );
}
