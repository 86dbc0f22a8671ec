/**
 * The pipeline: extract → lake → staging → quality → spatial join → marts → publish.
 *
 * It builds in a private copy of the published warehouse (data/tmp/build-<run>.duckdb) and
 * publishes by atomic rename, so the web server, which holds the published file open
 * read-only, never sees a half-built state, and a killed run leaves the last good warehouse in
 * place: running again gives the same result as an uninterrupted run.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { copyFile, mkdir, readdir, readFile, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { boundaryFile, populationFile, type CityConfig, type Layout } from '@/lib/cities';
import type { Row } from '@/lib/warehouse/types';
import { bucketSqlCase } from '@/lib/resolution-buckets';
import { openDuckDb, type DuckDbWarehouse } from '@/lib/warehouse/duckdb/connection';
import { inspectInput, land, rejectLanded, type LakeInput, type LandedFile } from './lake';
import { unpackLocalFile } from './sources/file';
import {
  ContractError,
  detectLayout,
  diffColumns,
  readCsvHeader,
  requiredColumns,
  type Drift,
} from './layouts';
import { StepError, StepRunner, type Logger } from './log';
import {
  appendRuns,
  appendRunsSync,
  failedDir,
  readRuns,
  runLogPath,
  type RunRecord,
} from './run-log';
import { loadAreaIndex } from './spatial';
import {
  DATE_FIELDS,
  dateFormatStatsSql,
  type DateField,
  JSON_KEYS_SQL,
  jsonColumnsSql,
  jsonRecordsSql,
  loadQuotedCsv,
  NO_REJECTS_SQL,
  quarantineSql,
  rawLoadSql,
  rejectsQuarantineSql,
  stagingSql,
} from './staging';
import { ident, literal } from './sql-text';
import { acquireLock, LockHeldError } from './lock';
import { progress } from './progress';
import { extractLive } from './extract-live';
import type { FileCheckpoint } from './checkpoint-store';
import { runDataTests } from './data-tests';
import { loadCrosswalk, unmappedDrift } from './crosswalk';
import { CHANNEL_NOT_PUBLISHED, UNMAPPED_CATEGORY, type Channel } from '@/lib/categories';
import type { CityRunSummary, PipelineOptions, PipelineResult } from './types';

/** Callers written against run.ts keep working; the types live in ./types. */
export type { CityRunSummary, PipelineOptions, PipelineResult, SourceMode } from './types';

export class QualityError extends Error {
  override name = 'QualityError';
}

const sqlDir = (root: string) => path.join(root, 'pipeline', 'sql');

/** Rows per round trip of the spatial join: bounds the memory JavaScript holds. */
const SPATIAL_CHUNK = 500_000;

/**
 * Tables holding a city's loaded state, emptied for that city by --full. `source_state` stays:
 * the live watermark says what the portal has already given, and every page it gave is in the
 * lake and replayed.
 */
const CITY_TABLES = [
  'fact_requests',
  'fact_request_area',
  'mart_area_month',
  'mart_resolution_hist',
  'quarantine',
  'lake_files',
  'source_columns',
  'dim_area',
  'dim_city',
] as const;

/** An input loaded earlier, as --full finds it in `lake_files`: replayed from the lake. */
interface LandedInput {
  source: string;
  name: string;
  path: string;
  layout: string;
}

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
      memoryLimit: process.env.PIPELINE_MEMORY_LIMIT ?? '2GB',
      tempDirectory: path.join(tmpDir, `spill-${runId}`),
    });
    await db.run(readFileSync(path.join(sqlDir(options.rootDir), 'schema.sql'), 'utf8'));
    const replay = new Map<string, LandedInput[]>();
    if (options.full && published) {
      // --full rebuilds the selected cities from nothing but everything they landed (sample,
      // files, live pages, in landing order); other cities and the run history stay.
      for (const city of options.cities) {
        replay.set(
          city.id,
          await db.query<LandedInput & Row>(
            `select source, name, path, layout from lake_files where city = ?
             order by seq nulls first, run_id, source, name`,
            [city.id],
          ),
        );
        for (const table of CITY_TABLES) {
          await db.run(`delete from ${table} where city = ?`, [city.id]);
        }
      }
    }
    const checkpoints: FileCheckpoint[] = [];
    for (const city of options.cities) {
      const cityOptions = { ...options, now, replay: replay.get(city.id) ?? [] };
      const summary = emptySummary(city.id, options.source);
      // Pushed first: a failure part-way through still reports the counts so far.
      summaries.push(summary);
      await runCity(db, city, cityOptions, runId, steps, log, checkpoints, summary);
    }
    await importFailedRuns(db, runLogPath(dataDir));
    await steps.step(undefined, 'data tests', async () => {
      const checks = await runDataTests(
        db!,
        options.cities.map((c) => c.id),
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

function emptySummary(city: string, source: string): CityRunSummary {
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

function runRecord(
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
async function recordFailure(
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
async function importFailedRuns(db: DuckDbWarehouse, file: string): Promise<void> {
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

/** Build files left by a killed run are garbage: the published file is the truth. */
async function cleanStaleBuilds(tmpDir: string, keep: string): Promise<void> {
  for (const name of await readdir(tmpDir)) {
    const file = path.join(tmpDir, name);
    // unpack-/rest-: scratch copies of compressed inputs and of CSV tails (pipeline/staging.ts).
    const scratch = ['build-', 'spill-', 'unpack-', 'rest-'].some((p) => name.startsWith(p));
    if (scratch && !file.startsWith(keep)) {
      await rm(file, { force: true, recursive: true });
    }
  }
}

interface InputFile {
  source: string;
  name: string;
  input: LakeInput;
  format: 'csv' | 'json';
  layoutHint?: string;
  maxUpdated?: string;
  /** Replayed from the lake by --full: loaded before, so it moves no watermark. */
  replayed?: boolean;
}

async function* inputsFor(
  city: CityConfig,
  options: PipelineOptions & { replay: LandedInput[] },
  db: DuckDbWarehouse,
  checkpoints: FileCheckpoint[],
): AsyncGenerator<InputFile> {
  for (const landed of options.replay) {
    const file = path.resolve(options.rootDir, landed.path);
    if (!existsSync(file)) {
      // Rebuilding without it would silently drop its rows.
      throw new Error(
        `${city.id}: --full needs ${landed.path} (${landed.source}/${landed.name}), which is gone from the lake`,
      );
    }
    const layout = city.layouts.find((l) => l.id === landed.layout);
    yield {
      source: landed.source,
      name: landed.name,
      input: { file },
      format: layout?.format ?? (file.endsWith('.json') ? 'json' : 'csv'),
      layoutHint: layout?.id,
      replayed: true,
    };
  }
  if (options.source === 'sample') {
    for (const sample of city.samples) {
      const file = path.join(options.rootDir, sample.path);
      yield {
        source: 'sample',
        name: path.basename(file),
        input: { file },
        format: file.endsWith('.json') ? 'json' : 'csv',
        layoutHint: sample.layout,
      };
    }
    return;
  }
  if (options.source === 'file') {
    if (!options.filePath) throw new Error('--source file needs --path <file>');
    // .gz, .csv.gz and .zip inputs are unpacked first; the lake keeps what they hold.
    const scratch = path.join(path.dirname(path.resolve(options.warehousePath)), 'tmp');
    const unpacked = await unpackLocalFile(options.filePath, scratch);
    try {
      for (const file of unpacked.files) {
        yield { source: 'file', name: file.name, input: { file: file.path }, format: file.format };
      }
    } finally {
      await unpacked.cleanup();
    }
    return;
  }
  const dataDir = path.dirname(path.resolve(options.warehousePath));
  for (const source of city.sources) {
    yield* extractLive(city, source, options, db, dataDir, (checkpoint) =>
      checkpoints.push(checkpoint),
    );
  }
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
): Promise<CityRunSummary> {
  const started = options.now().toISOString();
  const affected = new Set<string>();

  await steps.step(city.id, 'reference', () => loadReference(db, city, options.rootDir));

  for await (const input of inputsFor(city, options, db, checkpoints)) {
    const landed = await land(
      options.lakeDir,
      city.id,
      input.source,
      input.name,
      input.input,
      input.format,
    );
    const seen = await db.query<{ n: number }>(
      'select count(*) as n from lake_files where city = ? and source = ? and sha256 = ?',
      [city.id, input.source, landed.sha256],
    );
    if ((seen[0]?.n ?? 0) > 0) {
      summary.filesSkipped += 1;
      log.info(
        { city: city.id, file: input.name, sha256: landed.sha256.slice(0, 12) },
        'unchanged input skipped',
      );
      continue;
    }
    const result = await steps.step(city.id, `load ${input.name}`, () =>
      loadFile(db, city, landed, input, runId, options, affected),
    );
    summary.filesLoaded += 1;
    summary.rowsRead += result.rows;
    summary.rowsLoaded += result.loaded;
    summary.rowsQuarantined += result.quarantined;
    summary.rowsSuperseded += result.superseded;
    summary.rowsUnchanged += result.unchanged;
    if (result.drift) summary.drift.push(result.drift);
    if (input.replayed) continue;
    // The newest last-edit time seen; inputs without one (files) are watermarked by their hash.
    summary.watermark = input.maxUpdated
      ? [summary.watermark, input.maxUpdated]
          .filter((w): w is string => !!w && /^\d{4}-/.test(w))
          .sort()
          .at(-1)!
      : (summary.watermark ?? landed.sha256);
    await db.run(
      `insert or replace into source_state (city, source, watermark, checkpoint) values (?, ?, ?, null)`,
      [city.id, input.source, summary.watermark],
    );
  }

  await steps.step(city.id, 'quality gate', async () => {
    if (
      summary.rowsRead > 0 &&
      summary.rowsQuarantined / summary.rowsRead > city.quarantineThreshold
    ) {
      const kept = path.relative(
        process.cwd(),
        path.join(
          failedDir(path.dirname(path.resolve(options.warehousePath)), runId),
          'quarantine.parquet',
        ),
      );
      throw new QualityError(
        `${city.id}: ${summary.rowsQuarantined} of ${summary.rowsRead} rows quarantined ` +
          `(${((100 * summary.rowsQuarantined) / summary.rowsRead).toFixed(1)}%), above the threshold of ` +
          `${(100 * city.quarantineThreshold).toFixed(1)}%. ${await firstReasons(db, city.id, runId)} The quarantined rows and their reasons are kept in ${kept}.`,
      );
    }
    return { rows: summary.rowsRead };
  });

  if (summary.filesLoaded > 0) {
    await steps.step(city.id, 'placeholders', () => flagPlaceholders(db, city, affected));
  }
  await steps.step(city.id, 'marts', async () => {
    const months = await rebuildMarts(db, city, options, affected);
    summary.monthsRebuilt = months;
    return { months };
  });
  if (affected.size && options.writeParquet !== false) {
    await steps.step(city.id, 'parquet', () => writeParquet(db, city, options.lakeDir, affected));
  }
  await refreshCity(db, city);
  if (summary.watermark === null) {
    // Nothing new: the watermark stays where the last load left it.
    const [state] = await db.query<{ watermark: string | null }>(
      'select max(watermark) as watermark from source_state where city = ?',
      [city.id],
    );
    summary.watermark = state?.watermark ?? null;
  }
  await db.run(
    `insert or replace into pipeline_runs (run_id, city, source, started, finished, status, rows_read,
       rows_loaded, rows_quarantined, rows_superseded, rows_unchanged, months_rebuilt, watermark, drift, error)
     values (?, ?, ?, cast(? as timestamp), cast(? as timestamp), 'success', ?, ?, ?, ?, ?, ?, ?, ?, null)`,
    [
      runId,
      city.id,
      options.source,
      started.slice(0, 19),
      options.now().toISOString().slice(0, 19),
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
  return summary;
}

async function loadReference(db: DuckDbWarehouse, city: CityConfig, root: string) {
  await db.run('delete from dim_area where city = ?', [city.id]);
  for (const level of city.levels) {
    const boundary = boundaryFile(root, level);
    const population = populationFile(root, city, level);
    const hasPopulation = level.hasPopulation && existsSync(population);
    await db.run(
      `insert into dim_area
       with features as (select unnest(features) as f from read_json(${literal(boundary)}, maximum_object_size = 268435456)),
       areas as (select cast(f.properties.area_key as varchar) as area_key, cast(f.properties.area_name as varchar) as area_name from features)
       select ?, ?, a.area_key, a.area_name, ${hasPopulation ? 'p.population' : 'cast(null as double)'}
       from areas a
       ${hasPopulation ? `left join read_csv(${literal(population)}, header = true, columns = {'area_key': 'VARCHAR', 'population': 'DOUBLE'}) p using (area_key)` : ''}`,
      [city.id, level.id],
    );
  }
  const crosswalk = await loadCrosswalk(db, city, path.join(root, city.crosswalk));
  const [west, south, east, north] = city.bbox;
  await db.run(
    'create or replace temp table city_bbox as select ?::double as west, ?::double as south, ?::double as east, ?::double as north',
    [west, south, east, north],
  );
  const rows = await db.query<{ n: number }>('select count(*) as n from dim_area where city = ?', [
    city.id,
  ]);
  return { rows: rows[0]?.n ?? 0, ...crosswalk };
}

/** The run's commonest quarantine reasons with one example line each, for the threshold error. */
async function firstReasons(db: DuckDbWarehouse, cityId: string, runId: string): Promise<string> {
  const reasons = await db.query<{ reason: string; n: number; file: string; line: number | null }>(
    `select reason, count(*) as n, arg_min(file, line) as file, min(line) as line
     from quarantine where city = ? and run_id = ? group by reason order by n desc, reason limit 3`,
    [cityId, runId],
  );
  if (reasons.length === 0) return 'See the quarantine table for reasons.';
  const listed = reasons
    .map((r) => `${r.reason} (${r.n} rows, first: ${r.file} line ${r.line ?? '?'})`)
    .join('; ');
  return `Reasons: ${listed}. See the quarantine table for every row.`;
}

interface FileResult {
  rows: number;
  /** Size of the input as landed in the lake, for the step's log line. */
  bytes: number;
  loaded: number;
  quarantined: number;
  superseded: number;
  unchanged: number;
  drift?: Drift;
  layout: string;
}

async function detectFileLayout(
  db: DuckDbWarehouse,
  city: CityConfig,
  landed: LandedFile,
  hint: string | undefined,
): Promise<{ layout: Layout; header: string[]; empty?: boolean }> {
  if (landed.format === 'csv') {
    const header = await readCsvHeader(landed.path);
    return { layout: detectLayout(city, header, hint), header };
  }
  await checkJsonSyntax(landed);
  // JSON: the records are either the top-level array or under a layout's recordsPath.
  const candidates = city.layouts.filter((l) => l.format === 'json' && (!hint || l.id === hint));
  let lastError: unknown;
  for (const layout of candidates) {
    try {
      await db.run(jsonRecordsSql(landed.path, layout));
      const [records] = await db.query<{ n: number }>('select count(*) as n from raw_json');
      if (Number(records?.n ?? 0) === 0) {
        // An empty page is zero rows, like a header-only CSV: the layout's columns, no rows.
        const header = [...new Set([...requiredColumns(layout), ...mappedColumns(layout)])];
        await db.run(jsonColumnsSql(header.map((name) => ({ parent: name, key: null, name }))));
        return { layout, header, empty: true };
      }
      const keys = await db.query<{ parent: string; key: string | null }>(JSON_KEYS_SQL);
      keys.sort((a, b) => (a.parent + (a.key ?? '')).localeCompare(b.parent + (b.key ?? '')));
      // Nested keys take their own name unless a top-level key has it (Seattle's location.latitude).
      const topLevel = new Set(keys.filter((k) => k.key === null).map((k) => k.parent));
      const named = keys.map((k) => ({
        ...k,
        name: k.key === null ? k.parent : topLevel.has(k.key) ? `${k.parent}.${k.key}` : k.key,
      }));
      await db.run(jsonColumnsSql(named));
      const header = named.map((k) => k.name);
      return { layout: detectLayout(city, header, layout.id), header };
    } catch (error) {
      lastError = error;
    }
  }
  if (lastError instanceof ContractError) throw lastError;
  throw new ContractError(
    `${city.id}: ${landed.name} matches none of the JSON layouts ${candidates.map((l) => l.id).join(', ')}` +
      // The warehouse error's own message is generic; its cause says what the reader met.
      (lastError instanceof Error
        ? ` (${lastError.cause instanceof Error ? lastError.cause.message.split('\n')[0] : lastError.message})`
        : ''),
  );
}

async function loadFile(
  db: DuckDbWarehouse,
  city: CityConfig,
  landed: LandedFile,
  input: InputFile,
  runId: string,
  options: PipelineOptions & { now: () => Date },
  affected: Set<string>,
): Promise<FileResult & { rows: number }> {
  try {
    // Not text, or not UTF-8: stop here with a sentence, before any reader sees the bytes.
    await inspectInput(landed.path, landed.name);
    return await loadLandedFile(db, city, landed, input, runId, options, affected);
  } catch (error) {
    if (error instanceof ContractError) {
      // The contract rejected the input: out of the raw lake, into lake/rejected with the reason.
      const where = await rejectLanded(options.lakeDir, landed, error.message, options.now());
      options.log.warn({ city: city.id, file: landed.name, moved: where }, 'input rejected');
    }
    throw error;
  }
}

/** Largest JSON input checked by a full parse first (larger ones rely on DuckDB's reader). */
const JSON_CHECK_MAX_BYTES = 64 * 1024 * 1024;

/**
 * Malformed JSON is named with the file and the place (line and column) where it breaks, instead
 * of surfacing as a reader error deep in the load.
 */
async function checkJsonSyntax(landed: LandedFile): Promise<void> {
  if (landed.bytes > JSON_CHECK_MAX_BYTES) return;
  const text = await readFile(landed.path, 'utf8');
  try {
    JSON.parse(text);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const match = /at position (\d+)/.exec(message);
    const position = match ? Number(match[1]) : text.length;
    const before = text.slice(0, position);
    const line = before.split('\n').length;
    const column = position - before.lastIndexOf('\n');
    const what = match ? message.replace(/ in JSON at position \d+.*$/, '') : 'the text ends early';
    throw new ContractError(
      `${landed.name} is not valid JSON: ${what} at line ${line}, column ${column} (character ${position + 1})`,
    );
  }
}

/**
 * Which known format read each date field of the batch (counts per format). A field whose values
 * none of the formats reads stops the file, naming the column and a sample value: it is the
 * file's layout that is unknown, not its rows that are bad. `foreign` is true when a format other
 * than the field's own (or ISO, for fields without formats) was needed.
 */
async function checkDateFormats(
  db: DuckDbWarehouse,
  city: CityConfig,
  layout: Layout,
  header: readonly string[],
  file: string,
): Promise<{ formats: Record<string, Record<string, number>>; foreign: boolean }> {
  const present = new Set(header);
  const fields = DATE_FIELDS.filter((d) => {
    const column = layout.fields[d]?.column;
    return column !== undefined && present.has(column);
  });
  const rows = await db.query<{
    field: DateField;
    format: string | null;
    n: number;
    sample: string;
  }>(dateFormatStatsSql(fields));
  const formats: Record<string, Record<string, number>> = {};
  let foreign = false;
  for (const field of fields) {
    const mine = rows.filter((r) => r.field === field);
    const matched = mine.filter((r) => r.format !== null);
    const unmatched = mine.find((r) => r.format === null);
    if (matched.length === 0 && unmatched) {
      const mapping = layout.fields[field]!;
      const tried = [...new Set([...(mapping.formats ?? []), ...city.dateFormats, 'iso8601'])];
      throw new ContractError(
        `${city.id}: ${file}: no value of column "${mapping.column}" (${field}) is a date in a known ` +
          `format, e.g. "${unmatched.sample.slice(0, 40)}". Tried: ${tried.join(', ')}. Add its ` +
          `format to the city's dateFormats.`,
      );
    }
    const counts: Record<string, number> = {};
    for (const r of matched) counts[r.format!] = Number(r.n);
    if (unmatched) counts.none = Number(unmatched.n);
    if (Object.keys(counts).length) formats[field] = counts;
    const own = layout.fields[field]?.formats ?? ['iso8601'];
    if (matched.some((r) => !own.includes(r.format!))) foreign = true;
  }
  return { formats, foreign };
}

/** Every source column a layout maps (fields and areas). */
function mappedColumns(layout: Layout): string[] {
  return [
    ...Object.values(layout.fields).map((m) => m?.column),
    ...Object.values(layout.areas).map((m) => m.column),
  ].filter((c): c is string => !!c);
}

async function loadLandedFile(
  db: DuckDbWarehouse,
  city: CityConfig,
  landed: LandedFile,
  input: InputFile,
  runId: string,
  options: PipelineOptions & { now: () => Date },
  affected: Set<string>,
): Promise<FileResult & { rows: number }> {
  const phase = phaseTimer(options.log, city.id, landed.name);
  const { layout, header, empty } = await detectFileLayout(db, city, landed, input.layoutHint);
  // Schema drift: compare with the columns last seen for this layout (an empty page has none).
  const previous = await db.query<{ columns: string }>(
    'select columns from source_columns where city = ? and layout = ?',
    [city.id, layout.id],
  );
  let drift = empty
    ? undefined
    : diffColumns(
        layout,
        previous[0] ? (JSON.parse(previous[0].columns) as string[]) : undefined,
        header,
      );
  if (drift) options.log.warn({ city: city.id, ...drift }, 'schema drift');
  if (!empty) {
    await db.run(
      'insert or replace into source_columns (city, layout, columns, seen_at) values (?, ?, ?, cast(? as timestamp))',
      [city.id, layout.id, JSON.stringify(header), options.now().toISOString().slice(0, 19)],
    );
  }

  if (landed.format === 'json') await db.run(NO_REJECTS_SQL);
  else if (layout.repair) await db.run(rawLoadSql(landed.path, layout, header));
  else {
    const scratch = path.join(path.dirname(path.resolve(options.warehousePath)), 'tmp');
    await loadQuotedCsv(db, landed.path, header, scratch);
  }
  phase('read');
  await db.run(stagingSql(city, layout, input.source, landed.name, header));
  phase('stage');
  const latestPlausible = new Date(options.now().getTime() + 86_400_000).toISOString().slice(0, 19);
  await db.run(readSql(options.rootDir, 'staging/stg_checked.sql'), [
    latestPlausible,
    city.systemStart,
  ]);
  const dates = await checkDateFormats(db, city, layout, header, landed.name);
  if (Object.keys(dates.formats).length) {
    options.log.info(
      { city: city.id, file: landed.name, dateFormats: dates.formats },
      'date formats',
    );
  }
  if (dates.foreign) {
    // The file came in another export's clothes: the formats that read it are reported as drift.
    drift = {
      ...(drift ?? { layout: layout.id, added: [], removed: [], missingOptional: [] }),
      dateFormats: dates.formats,
    };
  }
  const detectedAt = options.now().toISOString().slice(0, 19);
  await db.run(quarantineSql(layout), [runId, detectedAt]);
  // Lines the reader could not split (too many/few fields, open quote, bad bytes) cost one row.
  await db.run(rejectsQuarantineSql(city.id, input.source, landed.name), [runId, detectedAt]);
  phase('check');
  await db.run(readSql(options.rootDir, 'staging/stg_final.sql'), [
    runId,
    UNMAPPED_CATEGORY,
    CHANNEL_NOT_PUBLISHED,
    'Other' satisfies Channel,
  ]);
  phase('type and dedupe');
  const unmapped = await unmappedDrift(db, options.log, city, layout, landed.name, drift);

  // A stored version edited later than the incoming one wins (late, older re-sends).
  await db.run(`create or replace temp table stg_changes as
    select s.* from stg_final s
    left join fact_requests f on f.city = s.city and f.request_id = s.request_id
    where f.request_id is null
       or (f.row_hash <> s.row_hash and not coalesce(f.updated > s.updated, false))`);
  const [counts] = await db.query<{
    rows: number;
    quarantined: number;
    accepted: number;
    final: number;
    changed: number;
    stale: number;
  }>(`select
      (select count(*) from stg_batch) + (select count(*) from raw_rejects) as rows,
      (select count(*) from stg_checked where reason is not null)
        + (select count(*) from raw_rejects) as quarantined,
      (select count(*) from stg_checked where reason is null) as accepted,
      (select count(*) from stg_final) as final,
      (select count(*) from stg_changes) as changed,
      (select count(*) from stg_final s join fact_requests f using (city, request_id)
        where f.row_hash <> s.row_hash and f.updated > s.updated) as stale`);
  if (!counts) throw new Error('count query returned nothing');
  const superseded = counts.accepted - counts.final + counts.stale;
  const loaded = counts.final - counts.stale;
  const unchanged = loaded - counts.changed;
  // Conservation: every row read is loaded, quarantined or superseded; nothing else.
  if (counts.rows !== loaded + counts.quarantined + superseded) {
    throw new QualityError(
      `${city.id}/${landed.name}: ${counts.rows} rows read but ${loaded} loaded + ${counts.quarantined} quarantined + ${superseded} superseded`,
    );
  }

  const months = await db.query<{ month: string }>(`
    select distinct strftime(month, '%Y-%m-%d') as month from stg_changes
    union
    select distinct strftime(f.month, '%Y-%m-%d') from fact_requests f join stg_changes c using (city, request_id)`);
  for (const { month } of months) affected.add(month);

  await db.run(
    `delete from fact_request_area where city = ? and request_id in (select request_id from stg_changes)`,
    [city.id],
  );
  await db.run(
    `delete from fact_requests where city = ? and request_id in (select request_id from stg_changes)`,
    [city.id],
  );
  await db.run(`insert into fact_requests by name
    select city, request_id, source, opened, closed, updated, month, status, is_open, type, subtype,
      type_group, category, division, section, channel, channel_raw, latitude, longitude,
      sla_target, on_time, resolution_hours, resolution_flag, location_flag, run_id, row_hash
    from stg_changes`);
  phase('upsert');
  await assignAreas(db, city, layout, options.rootDir);
  phase('areas');

  await db.run(
    `insert or replace into lake_files (city, source, sha256, name, path, bytes, layout, rows_read, run_id, seq)
     values (?, ?, ?, ?, ?, ?, ?, ?, ?, (select coalesce(max(seq), 0) + 1 from lake_files))`,
    [
      city.id,
      input.source,
      landed.sha256,
      landed.name,
      path.relative(options.rootDir, landed.path),
      landed.bytes,
      layout.id,
      counts.rows,
      runId,
    ],
  );
  return {
    rows: counts.rows,
    bytes: landed.bytes,
    loaded,
    quarantined: counts.quarantined,
    superseded,
    unchanged,
    drift: unmapped ?? drift,
    layout: layout.id,
  };
}

/** Area keys from columns where the layout has them, point-in-polygon for the other levels. */
async function assignAreas(db: DuckDbWarehouse, city: CityConfig, layout: Layout, root: string) {
  for (const level of city.levels) {
    if (layout.areas[level.id]) {
      // Only keys that name a real area count; others ("Int", blanks) stay unlocated here.
      await db.run(
        `insert into fact_request_area
         select c.city, c.request_id, ?, k.${ident(`area__${level.id}`)}
         from stg_changes c join stg_checked k on k.line = c.line
         join dim_area d on d.city = c.city and d.level = ? and d.area_key = k.${ident(`area__${level.id}`)}
         where c.location_flag = 'ok'`,
        [level.id, level.id],
      );
      continue;
    }
    const [{ n: total } = { n: 0 }] = await db.query<{ n: number }>(
      'select count(*) as n from stg_changes',
    );
    if (total === 0) continue;
    if (layout.areaColumns[level.id]?.length) {
      // No coordinates, but the file names the area (a district, a neighbourhood): by key or name.
      const fallback = `k.${ident(`areafb__${level.id}`)}`;
      await db.run(
        `insert into fact_request_area
         select c.city, c.request_id, ?, d.area_key
         from stg_changes c join stg_checked k on k.line = c.line
         join dim_area d on d.city = c.city and d.level = ?
           and (d.area_key = ${fallback} or lower(d.area_name) = lower(${fallback}))
         where c.location_flag = 'ok' and (c.longitude is null or c.latitude is null)
         qualify row_number() over (partition by c.request_id order by d.area_key = ${fallback} desc, d.area_key) = 1`,
        [level.id, level.id],
      );
    }
    const index = loadAreaIndex(level.id, boundaryFile(root, level));
    // Only numbers cross into JavaScript, in chunks: the row's position in stg_changes out,
    // the area's position in the index back. Keys and ids are joined again in SQL.
    await db.run('create or replace temp table area_keys (idx integer, area_key varchar)');
    const keyAppender = await db.connection.createAppender('area_keys');
    index.keys.forEach((key, i) => {
      keyAppender.appendInteger(i);
      keyAppender.appendVarchar(key);
      keyAppender.endRow();
    });
    keyAppender.closeSync();
    await db.run('create or replace temp table spatial_assign (rid bigint, idx integer)');
    const appender = await db.connection.createAppender('spatial_assign');
    for (let start = 0; start < total; start += SPATIAL_CHUNK) {
      progress.update(start / total);
      const chunk = await db.connection.runAndReadAll(
        `select rowid, longitude, latitude from stg_changes
         where rowid >= ? and rowid < ? and location_flag = 'ok'
           and longitude is not null and latitude is not null`,
        [start, start + SPATIAL_CHUNK],
      );
      const [rowids = [], longitudes = [], latitudes = []] = chunk.getColumnsJS() as [
        bigint[],
        number[],
        number[],
      ];
      for (let i = 0; i < rowids.length; i++) {
        const area = index.assignIndex(longitudes[i]!, latitudes[i]!);
        if (area < 0) continue;
        appender.appendBigInt(rowids[i]!);
        appender.appendInteger(area);
        appender.endRow();
      }
    }
    appender.closeSync();
    await db.run(
      `insert into fact_request_area
       select c.city, c.request_id, ?, k.area_key
       from spatial_assign s
       join stg_changes c on c.rowid = s.rid
       join area_keys k on k.idx = s.idx`,
      [level.id],
    );
  }
}

/**
 * Many cities geocode an unknown address to one point (often city hall). Such pile-ups are found
 * in the data, not hard-coded: a spike, one exact coordinate holding at least 10 requests and at
 * least 15 times the median of the city's 100 busiest points. Real busy corners form a smooth
 * tail and stay; the spike's requests stay in city-wide figures but leave the area maps.
 */
async function flagPlaceholders(db: DuckDbWarehouse, city: CityConfig, affected: Set<string>) {
  await db.run(
    `create or replace temp table placeholder_points as
     with points as (
       select round(longitude, 5) as x, round(latitude, 5) as y, count(*) as n
       from fact_requests
       where city = ? and location_flag in ('ok', 'placeholder') and latitude is not null
       group by all
     ), busiest as (select n from points order by n desc limit 100),
     typical as (select quantile_cont(n, 0.5) as median from busiest)
     select x, y, n from points, typical where n >= 10 and n >= 15 * typical.median`,
    [city.id],
  );
  const months = await db.query<{ month: string }>(
    `select distinct strftime(f.month, '%Y-%m-%d') as month from fact_requests f
     join placeholder_points p on round(f.longitude, 5) = p.x and round(f.latitude, 5) = p.y
     where f.city = ? and f.location_flag = 'ok'`,
    [city.id],
  );
  for (const { month } of months) affected.add(month);
  await db.run(
    `update fact_requests f set location_flag = 'placeholder'
     from placeholder_points p
     where f.city = ? and f.location_flag = 'ok' and round(f.longitude, 5) = p.x and round(f.latitude, 5) = p.y`,
    [city.id],
  );
  await db.run(
    `delete from fact_request_area a where a.city = ? and a.request_id in
       (select request_id from fact_requests where city = ? and location_flag = 'placeholder')`,
    [city.id, city.id],
  );
  const points = await db.query<{ n: number; rows: number }>(
    'select count(*) as n, coalesce(sum(n), 0) as rows from placeholder_points',
  );
  return { points: points[0]?.n ?? 0, rows: points[0]?.rows ?? 0 };
}

async function rebuildMarts(
  db: DuckDbWarehouse,
  city: CityConfig,
  options: PipelineOptions,
  affected: Set<string>,
): Promise<number> {
  await db.run('create or replace temp table affected_months (month date)');
  if (affected.size === 0) return 0;
  for (const month of [...affected].sort()) {
    await db.run('insert into affected_months values (cast(? as date))', [month]);
  }
  const asOf = await db.query<{ as_of: string | null }>(
    `select strftime(max(coalesce(updated, opened)), '%Y-%m-%dT%H:%M:%S') as as_of from fact_requests where city = ?`,
    [city.id],
  );
  const asOfValue = asOf[0]?.as_of ?? '1970-01-01T00:00:00';
  await db.run(
    'delete from mart_area_month where city = ? and month in (select month from affected_months)',
    [city.id],
  );
  await db.run(
    `insert into mart_area_month ${readSql(options.rootDir, 'marts/mart_area_month.sql')}`,
    [city.id, asOfValue],
  );
  await db.run(
    'delete from mart_resolution_hist where city = ? and month in (select month from affected_months)',
    [city.id],
  );
  await db.run(
    `insert into mart_resolution_hist by name ${readSql(options.rootDir, 'marts/mart_resolution_hist.sql').replaceAll('{{bucket}}', bucketSqlCase('resolution_hours'))}`,
    [city.id],
  );
  return affected.size;
}

async function writeParquet(
  db: DuckDbWarehouse,
  city: CityConfig,
  lakeDir: string,
  affected: Set<string>,
) {
  const dir = path.join(lakeDir, 'typed', `city=${city.id}`);
  await mkdir(dir, { recursive: true });
  await db.run(
    `copy (
       select * exclude (row_hash) from fact_requests
       where city = ? and month in (select month from affected_months)
     ) to ${literal(dir)} (format parquet, partition_by (month), overwrite_or_ignore true, filename_pattern 'requests')`,
    [city.id],
  );
  return { months: affected.size };
}

async function refreshCity(db: DuckDbWarehouse, city: CityConfig) {
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

const sqlCache = new Map<string, string>();
function readSql(root: string, relative: string): string {
  const file = path.join(sqlDir(root), relative);
  let text = sqlCache.get(file);
  if (text === undefined) {
    text = readFileSync(file, 'utf8');
    sqlCache.set(file, text);
  }
  return text;
}

/** Debug-level timings of the phases inside one file's load (LOG_LEVEL=debug). */
function phaseTimer(log: Logger, city: string, file: string) {
  let last = performance.now();
  return (phase: string) => {
    const now = performance.now();
    log.debug({ city, file, phase, seconds: Math.round(now - last) / 1000 }, 'load phase');
    last = now;
  };
}
