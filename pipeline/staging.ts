/**
 * Generated staging SQL: a city's layout (configuration) becomes the SELECT that types one
 * raw file into the canonical columns of `stg_batch`. Column names come only from the file's
 * own header (allowlist); constants go through `literal`. The rest of the pipeline is fixed SQL
 * over `stg_batch`, the same for every city.
 */
import { createReadStream, createWriteStream } from 'node:fs';
import { open, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { CityConfig, FieldMapping, Layout } from '@/lib/cities/schema';
import type { DuckDbWarehouse } from '@/lib/warehouse/duckdb/connection';
import { ident, literal } from './sql-text';

/** Stands in for a protected comma while an unquoted line is split. */
const PROTECTED_COMMA = '\u001e';
/** A delimiter that never occurs in the data, to read whole lines. */
const LINE_DELIMITER = '\u001f';

/** DuckDB's rejects tables for the file being read, emptied before every read. */
const REJECT_OPTIONS = `store_rejects = true, rejects_table = 'raw_reject_errors', rejects_scan = 'raw_reject_scans'`;
const DROP_REJECTS = `drop table if exists raw_reject_errors; drop table if exists raw_reject_scans;`;

/** Our quarantine reasons for DuckDB's CSV error types (reject_errors.error_type). */
export const CSV_REJECT_REASONS: Record<string, string> = {
  'MISSING COLUMNS': 'csv_too_few_fields',
  'TOO MANY COLUMNS': 'csv_too_many_fields',
  'UNQUOTED VALUE': 'csv_unterminated_quote',
  'INVALID ENCODING': 'csv_invalid_encoding',
  'INVALID STATE': 'csv_invalid_state',
  'LINE SIZE OVER MAXIMUM': 'csv_line_too_long',
};

/** `select` of DuckDB's rejects: one row per line (the first error is its reason). */
function rejectsSelect(): string {
  const cases = Object.entries(CSV_REJECT_REASONS)
    .map(([type, reason]) => `when ${literal(type)} then ${literal(reason)}`)
    .join(' ');
  return `select line, reason, raw, line_byte_position from (
      select cast(line as bigint) as line,
        case error_type ${cases} else 'csv_' || lower(replace(cast(error_type as varchar), ' ', '_')) end as reason,
        coalesce(trim(csv_line, chr(10) || chr(13)), '') as raw,
        cast(line_byte_position as bigint) as line_byte_position,
        row_number() over (partition by line order by byte_position) as n
      from raw_reject_errors
    ) where n = 1`;
}

/** An empty `raw_rejects`, for inputs read without DuckDB's CSV reader (JSON). */
export const NO_REJECTS_SQL = `create or replace temp table raw_rejects (line bigint, reason varchar, raw varchar)`;

/**
 * One pass of DuckDB's CSV reader over `path` into `raw_segment`, its rejected lines into
 * `segment_rejects`. The dialect is fixed (comma, double quote) and the columns are the header's:
 * sniffing a file with a broken line guesses wrong (an unterminated quote turns quoting off for
 * the whole file), and a bad line must cost that line only.
 */
export function csvSegmentSql(path: string, header: readonly string[]): string {
  const columns = header.map((name) => `${literal(name)}: 'VARCHAR'`).join(', ');
  return `${DROP_REJECTS}
    create or replace temp table raw_segment as
    select * from read_csv(${literal(path)}, columns = {${columns}}, header = true, auto_detect = false,
      delim = ',', quote = '"', escape = '"', ${REJECT_OPTIONS}, hive_partitioning = false);
    create or replace temp table segment_rejects as ${rejectsSelect()}`;
}

/** At most this many unterminated quotes are read around in one file; the rest stay rejected. */
const MAX_QUOTE_RECOVERIES = 100;

/** Bytes read around a bad line: longer lines are cut (their text only goes to the quarantine). */
const LINE_WINDOW = 1 << 16;

type Piece =
  | { kind: 'whole' }
  | { kind: 'range'; start: number; end: number | undefined }
  | { kind: 'bad'; raw: string };

/**
 * Loads a quoted CSV into `raw_rows` (view `raw_batch`, all text, with `_line`) and its unreadable
 * lines into `raw_rejects` (line, reason, raw). `line` is the record number, the header being 1.
 * An unterminated quote makes DuckDB swallow the lines after it (up to the next quote, or the rest
 * of the file) and report the damage near, not always on, the bad line. So the bad line is found
 * by its odd number of quotes, and the bytes before and after it are read again on their own:
 * the bad line alone is quarantined. A file without such a line is read once, in place.
 */
export async function loadQuotedCsv(
  db: DuckDbWarehouse,
  file: string,
  header: readonly string[],
  scratchDir: string,
): Promise<void> {
  await db.run(NO_REJECTS_SQL);
  const headerLine = header.map((name) => `"${name.replaceAll('"', '""')}"`).join(',') + '\n';
  const headerBytes = Buffer.byteLength(headerLine);
  const dataStart = await byteAfterFirstLine(file);
  const queue: Piece[] = [{ kind: 'whole' }];
  const scratch: string[] = [];
  let created = false;
  let offset = 0;
  let recoveries = 0;
  try {
    for (let piece = queue.shift(); piece; piece = queue.shift()) {
      if (piece.kind === 'bad') {
        await db.run(`insert into raw_rejects values (?, 'csv_unterminated_quote', ?)`, [
          offset + 2,
          piece.raw,
        ]);
        offset += 1;
        continue;
      }
      let source = file;
      let base = 0; // file byte = base + source byte
      if (piece.kind === 'range') {
        if (piece.end !== undefined && piece.end <= piece.start) continue;
        source = path.join(scratchDir, `rest-${process.pid}-${scratch.length}.csv`);
        scratch.push(source);
        await writeFile(source, headerLine);
        const bytes = createReadStream(file, {
          start: piece.start,
          ...(piece.end !== undefined ? { end: piece.end - 1 } : {}),
        });
        await pipeline(bytes, createWriteStream(source, { flags: 'a' }));
        base = piece.start - headerBytes;
      }
      await db.run(csvSegmentSql(source, header));
      if (!created) {
        await db.run(
          'create or replace temp table raw_rows as select * from raw_segment where false',
        );
        created = true;
      }
      const [open] = await db.query<{ at: number }>(
        `select line_byte_position as at from segment_rejects
         where reason = 'csv_unterminated_quote' order by line limit 1`,
      );
      if (open && recoveries < MAX_QUOTE_RECOVERIES) {
        recoveries += 1;
        // DuckDB counts line_byte_position from 1.
        const bad = await locateOpenQuote(source, Math.max(0, Number(open.at) - 1));
        const start = piece.kind === 'range' ? piece.start : dataStart;
        const end = piece.kind === 'range' ? piece.end : undefined;
        queue.unshift(
          { kind: 'range', start, end: Math.max(start, base + bad.start) },
          { kind: 'bad', raw: bad.raw },
          ...(bad.end === undefined
            ? []
            : [{ kind: 'range' as const, start: base + bad.end, end }]),
        );
        continue;
      }
      await db.run('insert into raw_rows select * from raw_segment');
      await db.run('insert into raw_rejects select line + ?, reason, raw from segment_rejects', [
        offset,
      ]);
      const [placed] = await db.query<{ n: number }>(
        'select (select count(*) from raw_segment) + (select count(*) from segment_rejects) as n',
      );
      offset += Number(placed?.n ?? 0);
    }
  } finally {
    await Promise.all(scratch.map((f) => rm(f, { force: true })));
  }
  await db.run(
    'create or replace temp view raw_batch as select rowid + 1 as _line, * from raw_rows',
  );
  await db.run(`update raw_rejects set raw = rtrim(raw, chr(13))`);
}

/** The byte offset just after the header line. */
async function byteAfterFirstLine(file: string): Promise<number> {
  const handle = await open(file, 'r');
  try {
    const buffer = Buffer.alloc(LINE_WINDOW);
    for (let position = 0; ; position += buffer.length) {
      const { bytesRead } = await handle.read(buffer, 0, buffer.length, position);
      if (bytesRead === 0) return position;
      const newline = buffer.subarray(0, bytesRead).indexOf(0x0a);
      if (newline >= 0) return position + newline + 1;
    }
  } finally {
    await handle.close();
  }
}

/**
 * The physical line that opened an unterminated quote, as byte offsets in `file` (end: after its
 * newline, undefined at the end of the file). Of the line DuckDB reported, the one before and the
 * one after, the first with an odd number of quotes; the reported line when none has.
 */
async function locateOpenQuote(
  file: string,
  at: number,
): Promise<{ raw: string; start: number; end: number | undefined }> {
  const handle = await open(file, 'r');
  try {
    const from = Math.max(0, at - LINE_WINDOW);
    const window = Buffer.alloc(at - from + 2 * LINE_WINDOW);
    const { bytesRead } = await handle.read(window, 0, window.length, from);
    const bytes = window.subarray(0, bytesRead);
    const atEof = bytesRead < window.length;
    const lineAt = (start: number) => {
      const newline = bytes.indexOf(0x0a, start);
      return { start, end: newline >= 0 ? newline + 1 : atEof ? undefined : bytes.length };
    };
    const reported = lineAt(at - from);
    const candidates = [reported];
    if (reported.start > 0) {
      candidates.push(lineAt(bytes.lastIndexOf(0x0a, reported.start - 2) + 1));
    }
    if (reported.end !== undefined && reported.end < bytes.length) {
      candidates.push(lineAt(reported.end));
    }
    const quotes = (l: { start: number; end: number | undefined }) =>
      bytes.subarray(l.start, l.end).reduce((n, b) => n + (b === 0x22 ? 1 : 0), 0);
    const bad = candidates.find((l) => quotes(l) % 2 === 1) ?? reported;
    const raw = new TextDecoder()
      .decode(bytes.subarray(bad.start, bad.end))
      .replaceAll('\ufffd', '?')
      .replace(/\r?\n$/, '');
    return {
      raw,
      start: from + bad.start,
      end: bad.end === undefined ? undefined : from + bad.end,
    };
  } finally {
    await handle.close();
  }
}

/** Toronto's unquoted layout: one SQL text loads `raw_rows`, `raw_batch` and `raw_rejects`. */
export function rawLoadSql(path: string, layout: Layout, header: readonly string[]): string {
  if (layout.format === 'json') throw new Error('JSON inputs load through jsonRecordsSql');
  if (!layout.repair) throw new Error('quoted CSV inputs load through loadQuotedCsv');
  return repairedCsvSql(path, layout, header);
}

/**
 * JSON pages, step 1: one row per record (`raw_json`), each the record's JSON text. Records are
 * the top-level array or the array at `recordsPath` (GeoReport's service_requests, ArcGIS's
 * features). Values stay text: DuckDB's type detection would convert offset timestamps to UTC.
 */
export function jsonRecordsSql(path: string, layout: Layout): string {
  const options = 'maximum_object_size = 268435456, hive_partitioning = false';
  if (!layout.recordsPath) {
    return `create or replace temp table raw_json as
      select row_number() over () as _line, json as record
      from read_json_objects(${literal(path)}, format = 'array', ${options})`;
  }
  return `create or replace temp table raw_json as
    with pages as (select json from read_json_objects(${literal(path)}, format = 'auto', ${options}))
    select row_number() over () as _line, record
    from (select unnest(json_extract(json, ${literal(`$.${layout.recordsPath}[*]`)})) as record from pages)`;
}

/** The record keys, with nested objects (ArcGIS attributes, geometry) flattened one level. */
export const JSON_KEYS_SQL = `
  with top as (select distinct unnest(json_keys(record)) as key from raw_json),
  typed as (
    select t.key, any_value(json_type(r.record, '$."' || replace(t.key, '"', '\\"') || '"')) as kind
    from top t, raw_json r group by t.key
  )
  select key as parent, null as key from typed where kind <> 'OBJECT'
  union all
  select distinct t.key as parent, unnest(json_keys(json_extract(r.record, '$."' || replace(t.key, '"', '\\"') || '"'))) as key
  from typed t, raw_json r where t.kind = 'OBJECT'`;

/** JSON pages, step 2: `raw_batch` with one text column per (flattened) key. */
export function jsonColumnsSql(
  keys: readonly { parent: string; key: string | null; name: string }[],
): string {
  const columns = keys.map(({ parent, key, name }) => {
    const jsonPath = key === null ? `$."${parent}"` : `$."${parent}"."${key}"`;
    return `json_extract_string(record, ${literal(jsonPath)}) as ${ident(name)}`;
  });
  return `create or replace temp table raw_rows as
    select _line, cast(record as varchar) as _raw_json, ${columns.join(', ')} from raw_json;
    create or replace temp view raw_batch as select * from raw_rows`;
}

/**
 * Toronto's unquoted rows. Known comma-containing values are protected, the line is split on
 * commas, and a row one field too long is mended only when the fallback column and the field
 * after it join into one of the known values (e.g. "Parks,Forestry & Recreation", spaced
 * differently from the known name); any other ten-field row is left unmended for quarantine.
 */
function repairedCsvSql(path: string, layout: Layout, header: readonly string[]): string {
  const repair = layout.repair;
  if (!repair) throw new Error('repairedCsvSql needs a repair rule');
  const fallback = header.indexOf(repair.fallbackColumn);
  if (fallback < 0)
    throw new Error(`repair column "${repair.fallbackColumn}" is not in the header`);
  let protectedLine = 'line';
  for (const value of repair.knownValues) {
    protectedLine = `replace(${protectedLine}, ${literal(value)}, ${literal(value.replaceAll(',', PROTECTED_COMMA))})`;
  }
  const n = header.length;
  const restore = (expr: string) => `replace(${expr}, ${literal(PROTECTED_COMMA)}, ',')`;
  // The joined value, spaced as the known names are ("a ,b" → "a, b"), compared case-blind.
  const normalise = (expr: string) =>
    `lower(regexp_replace(trim(${expr}), '\\s*,\\s*', ', ', 'g'))`;
  const joined = `f[${fallback + 1}] || ',' || f[${fallback + 2}]`;
  const known = repair.knownValues.map((v) => literal(v.toLowerCase())).join(', ');
  const mendable = `(len(f) = ${n + 1} and ${normalise(joined)} in (${known}))`;
  const columns = header.map((name, i) => {
    // List indexes are 1-based in DuckDB.
    const exact = `f[${i + 1}]`;
    const long =
      i < fallback
        ? `f[${i + 1}]`
        : i === fallback
          ? `(case ${normalise(joined)} ${repair.knownValues.map((v) => `when ${literal(v.toLowerCase())} then ${literal(v)}`).join(' ')} end)`
          : `f[${i + 2}]`;
    return `${restore(`case when len(f) = ${n} then ${exact} when ${mendable} then ${long} end`)} as ${ident(name)}`;
  });
  return `${DROP_REJECTS}
    create or replace temp table raw_rows as
    with lines as (
      select row_number() over () as _line, line
      from read_csv(${literal(path)}, columns = {'line': 'VARCHAR'}, header = true, auto_detect = false,
        delim = ${literal(LINE_DELIMITER)}, quote = '', escape = '', strict_mode = false,
        ${REJECT_OPTIONS}, hive_partitioning = false)
      where line is not null and trim(line) <> ''
    ),
    split as (select _line, line, string_split(${protectedLine}, ',') as f from lines)
    select _line, line as _raw_line, len(f) as _fields, (len(f) = ${n} or ${mendable}) as _fields_ok,
      ${columns.join(',\n      ')}
    from split;
    create or replace temp view raw_batch as select * from raw_rows;
    create or replace temp table raw_rejects as select line, reason, raw from (${rejectsSelect()})`;
}

function text(column: string): string {
  return `nullif(trim(cast(${ident(column)} as varchar)), '')`;
}

function valueExpr(mapping: FieldMapping): string {
  let expr = text(mapping.column);
  if (mapping.extract) expr = `nullif(regexp_extract(${expr}, ${literal(mapping.extract)}, 1), '')`;
  if (mapping.map) {
    const cases = Object.entries(mapping.map)
      .map(([from, to]) => `when ${literal(from)} then ${literal(to)}`)
      .join(' ');
    expr = `(case ${expr} ${cases} else ${expr} end)`;
  }
  if (mapping.integerKey) expr = `cast(cast(try_cast(${expr} as double) as bigint) as varchar)`;
  return expr;
}

/** Date fields of the canonical record, each tried against the known formats. */
export const DATE_FIELDS = ['opened', 'closed', 'updated', 'sla_target'] as const;
export type DateField = (typeof DATE_FIELDS)[number];

/**
 * The attempts, in order, that read one date field from its text `value`: the field's own formats,
 * then the city's list, each labelled by its format ('iso8601' is DuckDB's ISO cast, 'epoch_ms'
 * epoch millis).
 */
function timestampAttempts(
  mapping: FieldMapping,
  layout: Layout,
  city: CityConfig,
  value: string,
): { label: string; expr: string }[] {
  const labels = [...new Set([...(mapping.formats ?? []), ...city.dateFormats, 'iso8601'])];
  return labels.map((format) => {
    if (format === 'epoch_ms') {
      // Epoch milliseconds are UTC instants; the warehouse keeps the city's wall-clock time.
      const zone = literal(layout.epochTimezone ?? 'UTC');
      return {
        label: format,
        expr: `cast(timezone(${zone}, cast(epoch_ms(try_cast(${value} as bigint)) as timestamptz)) as timestamp)`,
      };
    }
    if (format === 'iso8601') return { label: format, expr: `try_cast(${value} as timestamp)` };
    // strptime's %f takes at most 6 digits; Toronto publishes 7 (".0000000").
    return {
      label: format,
      expr: `try_strptime(regexp_replace(${value}, '(\\.\\d{6})\\d+$', '\\1'), ${literal(format)})`,
    };
  });
}

/** The label of the first format that reads the value (null when none does, or no value). */
function timestampFormatExpr(
  mapping: FieldMapping | undefined,
  layout: Layout,
  city: CityConfig,
): string {
  if (!mapping) return 'cast(null as varchar)';
  const cases = timestampAttempts(mapping, layout, city, valueExpr(mapping))
    .map((a) => `when ${a.expr} is not null then ${literal(a.label)}`)
    .join(' ');
  return `(case ${cases} end)`;
}

/**
 * A date field's value, read by the one format that judged it (`<field>_format`) from its text
 * (`<field>_text`), both columns of the inner select of stg_batch. Reading each value once by its
 * label, rather than the first of the attempts again (a coalesce), keeps each attempt a single
 * expression of the select: DuckDB's common-subexpression pass otherwise hoists every attempt
 * shared by the value and its label out of the CASE and runs them all on every row (1 M SF
 * rows: 10 s against 2.5 s for one field).
 */
function timestampFromFormat(
  field: DateField,
  mapping: FieldMapping | undefined,
  layout: Layout,
  city: CityConfig,
): string {
  if (!mapping) return 'cast(null as timestamp)';
  const cases = timestampAttempts(mapping, layout, city, ident(`${field}_text`))
    .map((a) => `when ${literal(a.label)} then ${a.expr}`)
    .join(' ');
  return `(case ${ident(`${field}_format`)} ${cases} end)`;
}

/**
 * Per date field: how many values each format read, how many none did, and one such value.
 * Reads `stg_checked`, whose `<field>_text` and `<field>_format` columns `stagingSql` writes.
 */
export function dateFormatStatsSql(fields: readonly DateField[]): string {
  if (fields.length === 0) {
    return 'select null as field, null as format, 0 as n, null as sample where false';
  }
  return fields
    .map(
      (field) =>
        `select ${literal(field)} as field, ${ident(`${field}_format`)} as format, count(*) as n,
           min(${ident(`${field}_text`)}) as sample
         from stg_checked where ${ident(`${field}_text`)} is not null group by all`,
    )
    .join(' union all ');
}

function textField(layout: Layout, field: keyof Layout['fields']): string {
  const mapping = layout.fields[field];
  return mapping ? valueExpr(mapping) : 'cast(null as varchar)';
}

function numberField(layout: Layout, field: keyof Layout['fields']): string {
  const mapping = layout.fields[field];
  return mapping ? `try_cast(${valueExpr(mapping)} as double)` : 'cast(null as double)';
}

const NUMBER = '(-?\\d+(?:\\.\\d+)?)';
/** WKT `POINT (lon lat)`. */
const WKT_POINT = `^\\s*POINT\\s*\\(\\s*${NUMBER}\\s+${NUMBER}\\s*\\)\\s*$`;
/** `(lat, lon)` or `lat, lon`. */
const LAT_LON_PAIR = `^\\s*\\(?\\s*${NUMBER}\\s*,\\s*${NUMBER}\\s*\\)?\\s*$`;

/**
 * A coordinate out of a one-text point column, in any of the forms export tools write: WKT
 * `POINT (lon lat)`, `(lat, lon)`, or Socrata's `{'latitude': '…', 'longitude': '…'}`.
 */
function pointCoordinate(column: string, axis: 'latitude' | 'longitude'): string {
  const value = text(column);
  const wkt = `regexp_extract(${value}, ${literal(WKT_POINT)}, ${axis === 'longitude' ? 1 : 2})`;
  const pair = `regexp_extract(${value}, ${literal(LAT_LON_PAIR)}, ${axis === 'latitude' ? 1 : 2})`;
  const keyed = `regexp_extract(${value}, ${literal(`'${axis}'\\s*:\\s*'?${NUMBER}`)}, 1)`;
  return `coalesce(try_cast(nullif(${wkt}, '') as double), try_cast(nullif(${pair}, '') as double), try_cast(nullif(${keyed}, '') as double))`;
}

/** Latitude or longitude: the layout's own column, else the first point column that has one. */
function coordinateField(layout: Layout, axis: 'latitude' | 'longitude'): string {
  const parts = [
    numberField(layout, axis),
    ...layout.pointColumns.map((c) => pointCoordinate(c, axis)),
  ];
  return parts.length === 1 ? parts[0]! : `coalesce(${parts.join(', ')})`;
}

/** The staging SELECT for one layout: `raw_batch` → `stg_batch` with canonical columns. */
export function stagingSql(
  city: CityConfig,
  layout: Layout,
  source: string,
  file: string,
  header: readonly string[],
): string {
  // Mapped columns the file lacks read as null (reported as drift by the caller).
  const present = new Set(header);
  const f = Object.fromEntries(
    Object.entries(layout.fields).filter(([, mapping]) => mapping && present.has(mapping.column)),
  ) as Layout['fields'];
  layout = {
    ...layout,
    fields: f,
    areas: Object.fromEntries(
      Object.entries(layout.areas).filter(([, m]) => present.has(m.column)),
    ),
    voidValues: Object.fromEntries(
      Object.entries(layout.voidValues).filter(([c]) => present.has(c)),
    ),
    pointColumns: layout.pointColumns.filter((c) => present.has(c)),
    areaColumns: Object.fromEntries(
      Object.entries(layout.areaColumns).map(([level, cs]) => [
        level,
        cs.filter((c) => present.has(c)),
      ]),
    ),
  };
  const requestId = f.request_id ? valueExpr(f.request_id) : naturalKeyId(layout.naturalKey ?? []);
  const areaColumns = city.levels.map((level) => {
    const mapping = layout.areas[level.id];
    return `${mapping ? valueExpr(mapping) : 'cast(null as varchar)'} as ${ident(`area__${level.id}`)}`;
  });
  const mappedAreas = Object.values(layout.areas).map(
    (mapping) => `${valueExpr(mapping)} is not null`,
  );
  // Area names or keys for rows without coordinates (levels otherwise joined spatially).
  const fallbackAreas = city.levels.map((level) => {
    const columns = layout.areas[level.id] ? [] : (layout.areaColumns[level.id] ?? []);
    const expr = columns.length
      ? `coalesce(${columns.map(text).join(', ')})`
      : 'cast(null as varchar)';
    return { level: level.id, expr, used: columns.length > 0 };
  });
  for (const area of fallbackAreas) if (area.used) mappedAreas.push(`${area.expr} is not null`);
  const hasArea = mappedAreas.length ? `(${mappedAreas.join(' or ')})` : 'false';
  const closedStatuses =
    layout.closedStatuses.map((s) => literal(s.toLowerCase())).join(', ') || 'null';
  const voidStatuses =
    layout.voidStatuses.map((s) => literal(s.toLowerCase())).join(', ') || 'null';
  const voidValues = Object.entries(layout.voidValues).map(
    ([column, values]) =>
      `lower(coalesce(${text(column)}, '')) in (${values.map((v) => literal(v.toLowerCase())).join(', ') || 'null'})`,
  );
  // Records without a lifecycle (police incidents): one status for all, none is open.
  const fixed = city.fixedStatus;
  const status = fixed !== undefined ? literal(fixed) : textField(layout, 'status');
  const statusClosed =
    fixed !== undefined
      ? 'true'
      : `lower(coalesce(${textField(layout, 'status')}, '')) in (${closedStatuses})`;
  // A view: the typed rows are materialised once, with their verdict, by stg_checked.sql. The
  // inner select judges each date's format, the outer one reads the date by it.
  return `create or replace temp view stg_batch as
    select *,
      ${DATE_FIELDS.map((d) => `${timestampFromFormat(d, f[d], layout, city)} as ${ident(d)}`).join(',\n      ')}
    from (select
      ${literal(city.id)} as city,
      ${literal(source)} as source,
      ${literal(file)} as file,
      _line as line,
      ${layout.repair ? '_fields_ok' : layout.format === 'json' ? `coalesce(json_type(cast(_raw_json as json)) = 'OBJECT', false)` : 'true'} as fields_ok,
      ${literal(layout.format === 'json' ? 'json_not_an_object' : 'field_count')} as fields_reason,
      ${requestId} as request_id,
      ${status} as status,
      ${statusClosed} as status_closed,
      (lower(coalesce(${textField(layout, 'status')}, '')) in (${voidStatuses})${voidValues.map((v) => ` or ${v}`).join('')}) as status_void,
      ${textField(layout, 'type')} as type,
      ${textField(layout, 'subtype')} as subtype,
      ${textField(layout, f.group ? 'group' : 'category')} as type_group,
      ${textField(layout, 'subgroup')} as type_subgroup,
      ${textField(layout, 'division')} as division,
      ${textField(layout, 'section')} as section,
      ${textField(layout, 'channel')} as channel,
      ${coordinateField(layout, 'latitude')} as latitude,
      ${coordinateField(layout, 'longitude')} as longitude,
      try_cast(${textField(layout, 'on_time')} as boolean) as on_time_flag,
      ${areaColumns.join(',\n      ')},
      ${hasArea} as has_area_column,
      ${fallbackAreas.map((a) => `${a.expr} as ${ident(`areafb__${a.level}`)}`).join(',\n      ')},
      ${DATE_FIELDS.map((d) => `${f[d] ? valueExpr(f[d]) : 'cast(null as varchar)'} as ${ident(`${d}_text`)}, ${timestampFormatExpr(f[d], layout, city)} as ${ident(`${d}_format`)}`).join(',\n      ')}
    from raw_batch)`;
}

function naturalKeyId(columns: readonly string[]): string {
  if (columns.length === 0) throw new Error('A layout without request_id needs a naturalKey');
  const key = `md5(concat_ws('|', ${columns.map((c) => `coalesce(cast(${ident(c)} as varchar), '')`).join(', ')}))`;
  // Identical rows are distinct requests: number them in file order.
  return `${key} || '-' || cast(row_number() over (partition by ${key} order by _line) as varchar)`;
}

/**
 * Quarantined rows keep their input exactly: the raw line (Toronto), the record's JSON, or the
 * CSV row as JSON. Built only for rejected rows, since serialising every row would be costly.
 */
export function quarantineSql(layout: Layout): string {
  const raw = layout.repair
    ? 'r._raw_line'
    : layout.format === 'json'
      ? 'r._raw_json'
      : 'cast(to_json(r) as varchar)';
  return `insert into quarantine
    select c.city, $1, c.source, c.file, c.line, c.reason, ${raw}, cast($2 as timestamp)
    from stg_checked c join raw_batch r on r._line = c.line
    where c.reason is not null`;
}

/** The lines the reader rejected (`raw_rejects`) into the quarantine: $1 run id, $2 detected at. */
export function rejectsQuarantineSql(city: string, source: string, file: string): string {
  return `insert into quarantine
    select ${literal(city)}, $1, ${literal(source)}, ${literal(file)}, line, reason, raw, cast($2 as timestamp)
    from raw_rejects`;
}
