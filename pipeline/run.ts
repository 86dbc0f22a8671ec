/**
 * The pipeline, as a short orchestrator over its stages (pipeline/stages/): prepare build →
 * per city: reference → land → stage → dedupe and upsert → assign areas (one step per input
 * file) → quality gate → placeholders → marts → parquet → record; then data tests and publish.
 * Each stage is a step of the StepRunner (pipeline/log.ts): its seconds and row counts are logged.
 *
 * It builds in a private copy of the published warehouse (data/tmp/build-<run>.duckdb) and
 * publishes by atomic rename, so the web server, which holds the published file open
 * read-only, never sees a half-built state, and a killed run leaves the last good warehouse in
 * place: running again gives the same result as an uninterrupted run.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { copyFile, mkdir, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import type { CityConfig } from '@/lib/cities';
import type { Row } from '@/lib/warehouse/types';
import { openDuckDb, type DuckDbWarehouse } from '@/lib/warehouse/duckdb/connection';
import { StepRunner, type Logger } from './log';
import { appendRuns, appendRunsSync, runLogPath, type RunRecord } from './run-log';
import { acquireLock } from './lock';
import type { FileCheckpoint } from './checkpoint-store';
import { runDataTests } from './data-tests';
import { sql, sqlDir } from './sql-files';
import { ident } from './sql-text';
import { loadInputs, type LandedInput } from './stages/land';
import { rebuildMarts } from './stages/marts';
import { assignProblems } from './stages/problems';
import { writeParquet } from './stages/parquet';
import { flagPlaceholders } from './stages/placeholders';
import { CITY_TABLES, cleanStaleBuilds } from './stages/prepare';
import { qualityGate } from './stages/quality';
import { loadReference } from './stages/reference';
import {
  emptySummary,
  importFailedRuns,
  recordCityRun,
  recordFailure,
  refreshCity,
  runRecord,
} from './stages/record';
import type { CityRunSummary, PipelineOptions, PipelineResult } from './types';

/**
 * Rows per row group in the build file (DuckDB's default is 122,880). The web's queries filter on
 * level, area and month, and DuckDB skips a row group whose min/max rule it out; the marts are
 * written in level/area/month order within each pass of months, so smaller groups hold fewer
 * areas each and an area's or the city's query reads a few groups, not all. At 1 M SF requests
 * an area's resolution histogram by type read ~2.5× less CPU (14 → 5.6 ms), the city's ~2.3×, for
 * a file 12 % larger (docs/bench.md, "API latency with varied views").
 */
export const BUILD_ROW_GROUP_SIZE = 8192;

/** Callers written against run.ts keep working; the types live in ./types. */
export type { CityRunSummary, PipelineOptions, PipelineResult, SourceMode } from './types';
export { QualityError } from './stages/quality';

export async function runPipeline(options: PipelineOptions): Promise<PipelineResult> {
  const now = options.now ?? (() => new Date());
  const started = now().toISOString();
  const runId = `${started.replace(/[-:.]/g, '').slice(0, 15)}-${randomBytes(3).toString('hex')}`;
  const log = options.log.child({ run: runId });
  const steps = new StepRunner(log);
  const dataDir = path.dirname(path.resolve(options.warehousePath));
  const tmpDir = path.join(dataDir, 'tmp');
  await mkdir(tmpDir, { recursive: true });
  const buildPath = path.join(tmpDir, `build-${runId}.duckdb`);
  const summaries: CityRunSummary[] = [];
  let release: (() => Promise<void>) | undefined;
  let db: DuckDbWarehouse | undefined;
  try {
    release = await acquireLock(path.join(dataDir, 'pipeline.lock'), log);
    inProgress = (signal) =>
      options.cities.map((city) =>
        runRecord(
          runId,
          summaries.find((s) => s.city === city.id) ?? emptySummary(city.id, options.source),
          started,
          now(),
          {
            status: 'failed',
            step: steps.current?.step ?? 'pipeline',
            error: `interrupted by ${signal}${steps.current?.city ? ` (${steps.current.city})` : ''}`,
          },
        ),
      );
    await cleanStaleBuilds(tmpDir, buildPath);
    const published = existsSync(options.warehousePath);
    await steps.step(undefined, 'prepare build', async () => {
      if (published) await copyFile(options.warehousePath, buildPath);
      return { full: Boolean(options.full) || !published };
    });
    db = await openDuckDb(buildPath, {
      // DuckDB spills past this instead of growing: the pipeline must fit beside the web server.
      // 1.75 GB keeps the whole process under 3 GB at 6.6 M rows (docs/bench.md); 2 GB did not.
      memoryLimit: process.env.PIPELINE_MEMORY_LIMIT ?? '1.75GB',
      tempDirectory: path.join(tmpDir, `spill-${runId}`),
      rowGroupSize: BUILD_ROW_GROUP_SIZE,
    });
    await db.run(readFileSync(path.join(sqlDir(options.rootDir), 'schema.sql'), 'utf8'));
    const replay = new Map<string, LandedInput[]>();
    if (options.full && published) {
      // --full rebuilds the selected cities from nothing but everything they landed (sample,
      // files, live pages, in landing order); other cities and the run history stay.
      for (const city of options.cities) {
        replay.set(
          city.id,
          await db.query<LandedInput & Row>(sql('staging/lake_files_replay.sql'), [city.id]),
        );
        for (const table of CITY_TABLES) {
          await db.run(sql('staging/city_state_delete.sql', { table: ident(table) }), [city.id]);
        }
      }
    }
    const checkpoints: FileCheckpoint[] = [];
    // Per city, the months this run changed: the data tests read only those.
    const changed = new Map<string, string[]>();
    for (const city of options.cities) {
      const cityOptions = { ...options, now, replay: replay.get(city.id) ?? [] };
      const summary = emptySummary(city.id, options.source);
      // Pushed first: a failure part-way through still reports the counts so far.
      summaries.push(summary);
      changed.set(
        city.id,
        await runCity(db, city, cityOptions, runId, steps, log, checkpoints, summary),
      );
    }
    await importFailedRuns(db, runLogPath(dataDir));
    await steps.step(undefined, 'data tests', async () => {
      const checks = await runDataTests(
        db!,
        options.cities.map((c) => c.id),
        changed,
      );
      return { checks };
    });
    await db.run('checkpoint');
    await db.close();
    db = undefined;
    await steps.step(undefined, 'publish', async () => {
      await rename(buildPath, options.warehousePath);
      return { path: options.warehousePath };
    });
    // Published: the extract progress is now part of the warehouse.
    for (const checkpoint of checkpoints) await checkpoint.clear();
    await appendRuns(
      runLogPath(dataDir),
      summaries.map((summary) =>
        runRecord(runId, summary, started, now(), { status: 'success', step: null, error: null }),
      ),
    ).catch((error: unknown) => log.warn({ err: error }, 'run log not written'));
    return { runId, cities: summaries, steps: steps.records, published: options.warehousePath };
  } catch (error) {
    await recordFailure(error, {
      db,
      dataDir,
      runId,
      started,
      now,
      log,
      source: options.source,
      cities: options.cities.map((c) => c.id),
      summaries,
    });
    throw error;
  } finally {
    inProgress = undefined;
    if (db) await db.close().catch(() => undefined);
    await rm(buildPath, { force: true });
    await rm(`${buildPath}.wal`, { force: true });
    await rm(path.join(tmpDir, `spill-${runId}`), { recursive: true, force: true });
    await release?.();
  }
}

/** The run in progress in this process, so a signal handler can still record it. */
let inProgress: ((signal: string) => RunRecord[]) | undefined;

/**
 * Records the run in progress as failed, synchronously (the process is about to exit on a
 * signal): the step it was in, "interrupted by SIGTERM", the counts so far.
 */
export function recordInterruptedRun(signal: string, warehousePath: string): boolean {
  const records = inProgress?.(signal);
  if (!records?.length) return false;
  appendRunsSync(runLogPath(path.dirname(path.resolve(warehousePath))), records);
  return true;
}

async function runCity(
  db: DuckDbWarehouse,
  city: CityConfig,
  options: PipelineOptions & { now: () => Date; replay: LandedInput[] },
  runId: string,
  steps: StepRunner,
  log: Logger,
  checkpoints: FileCheckpoint[],
  summary: CityRunSummary,
): Promise<string[]> {
  const started = options.now().toISOString();
  const affected = new Set<string>();

  await steps.step(city.id, 'reference', () => loadReference(db, city, options.rootDir));

  await loadInputs(db, city, options, runId, steps, log, checkpoints, summary, affected);

  await steps.step(city.id, 'quality gate', () =>
    qualityGate(db, city, summary, options.warehousePath, runId),
  );

  if (summary.filesLoaded > 0) {
    await steps.step(city.id, 'placeholders', () => flagPlaceholders(db, city, affected));
  }
  await steps.step(city.id, 'problems', () => assignProblems(db, city, affected));
  await steps.step(city.id, 'marts', async () => {
    const months = await rebuildMarts(db, city, affected, log);
    summary.monthsRebuilt = months;
    return { months };
  });
  if (affected.size && options.writeParquet !== false) {
    await steps.step(city.id, 'parquet', () => writeParquet(db, city, options.lakeDir, affected));
  }
  await refreshCity(db, city);
  await recordCityRun(db, runId, options.source, started, options.now, summary);
  return [...affected].sort();
}
