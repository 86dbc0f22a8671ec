/**
 * Stages "stage" and "dedupe and upsert" of one landed file: layout detection and drift, the raw
 * read, typing and checks (quarantine), then the changed records into fact_requests and their
 * areas (stage "assign areas"), with the conservation check read = loaded + quarantined + superseded.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { CityConfig, Layout } from '@/lib/cities';
import { CHANNEL_NOT_PUBLISHED, UNMAPPED_CATEGORY, type Channel } from '@/lib/categories';
import type { DuckDbWarehouse } from '@/lib/warehouse/duckdb/connection';
import { unmappedDrift } from '../crosswalk';
import { inspectInput, rejectLanded, type LandedFile } from '../lake';
import {
  ContractError,
  detectLayout,
  diffColumns,
  readCsvHeader,
  requiredColumns,
  type Drift,
} from '../layouts';
import { phaseTimer } from '../log';
import { readSql, sql } from '../sql-files';
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
} from '../staging';
import type { PipelineOptions } from '../types';
import { assignAreas } from './areas';
import type { InputFile } from './land';
import { upsertChanges } from './upsert';

export interface FileResult {
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

export async function loadFile(
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
  const previous = await db.query<{ columns: string }>(sql('staging/source_columns_last.sql'), [
    city.id,
    layout.id,
  ]);
  let drift = empty
    ? undefined
    : diffColumns(
        layout,
        previous[0] ? (JSON.parse(previous[0].columns) as string[]) : undefined,
        header,
      );
  if (drift) options.log.warn({ city: city.id, ...drift }, 'schema drift');
  if (!empty) {
    await db.run(sql('staging/source_columns_upsert.sql'), [
      city.id,
      layout.id,
      JSON.stringify(header),
      options.now().toISOString().slice(0, 19),
    ]);
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
  // One scan types every row, judges it (its quarantine verdict), ranks the versions of each id
  // and hashes the kept one; stg_final is the view of the kept versions.
  await db.run(readSql(options.rootDir, 'staging/stg_checked.sql'), [
    latestPlausible,
    city.systemStart,
    runId,
    UNMAPPED_CATEGORY,
    CHANNEL_NOT_PUBLISHED,
    'Other' satisfies Channel,
  ]);
  await db.run(readSql(options.rootDir, 'staging/stg_final.sql'));
  phase('type, judge and dedupe');
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
  await db.run(sql('staging/raw_release.sql'));
  phase('quarantine');
  const unmapped = await unmappedDrift(db, options.log, city, layout, landed.name, drift);

  const { counts, loaded, superseded, unchanged } = await upsertChanges(
    db,
    city,
    landed.name,
    affected,
  );
  phase('upsert');
  await assignAreas(db, city, layout, options.rootDir);
  phase('areas');

  await db.run(sql('staging/lake_file_record.sql'), [
    city.id,
    input.source,
    landed.sha256,
    landed.name,
    path.relative(options.rootDir, landed.path),
    landed.bytes,
    layout.id,
    counts.rows,
    runId,
  ]);
  await db.run(sql('staging/stg_release.sql'));
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
