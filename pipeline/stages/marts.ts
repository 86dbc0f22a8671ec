/**
 * Stage "marts": the months a run touched are deleted from the marts and rebuilt from the SQL
 * models in pipeline/sql/marts, read through int_request_area (pipeline/sql/intermediate) but for
 * mart_patterns, which reads the few fact columns it needs straight from the two fact tables.
 *
 * A new mart is one line in MARTS: its table, its SQL file (selecting the table's columns by
 * name, `where city = $1` on int_request_area or fact_requests and affected_months) and its
 * parameters.
 */
import { createHash } from 'node:crypto';
import type { CityConfig } from '@/lib/cities';
import { bucketSqlCase } from '@/lib/resolution-buckets';
import type { DuckDbWarehouse } from '@/lib/warehouse/duckdb/connection';
import { rebuildAnomalyMart } from '../anomaly';
import type { Logger } from '../log';
import { sql } from '../sql-files';
import { ident, literal } from '../sql-text';

export interface MartContext {
  city: string;
  /** The city's newest edit or opening, for "open and overdue". */
  asOf: string;
}

export interface MartModel {
  table: string;
  file: string;
  params(context: MartContext): (string | number | boolean | null)[];
  /** Generated SQL the file needs besides its parameters ({{name}} placeholders). */
  fragments?: Record<string, string>;
}

/** mart_area_month's measures summed, the one list its pre-aggregates share. */
const AREA_MONTH_MEASURES = sql('marts/area_month_measures.sql');

/** The per-month marts, rebuilt in this order for the affected months. */
export const MARTS: readonly MartModel[] = [
  { table: 'mart_area_month', file: 'marts/mart_area_month.sql', params: (c) => [c.city, c.asOf] },
  {
    table: 'mart_resolution_hist',
    file: 'marts/mart_resolution_hist.sql',
    params: (c) => [c.city],
    fragments: { bucket: bucketSqlCase('resolution_hours') },
  },
  { table: 'mart_patterns', file: 'marts/mart_patterns.sql', params: (c) => [c.city] },
  // Pre-aggregates of the two above, each summed from the smallest table above it that has its
  // columns: type from mart_area_month, category from type, total from category
  // (lib/queries/mart-choice.ts reads them).
  {
    table: 'mart_area_month_type',
    file: 'marts/mart_area_month_type.sql',
    params: (c) => [c.city],
    fragments: { measures: AREA_MONTH_MEASURES },
  },
  {
    table: 'mart_area_month_category',
    file: 'marts/mart_area_month_category.sql',
    params: (c) => [c.city],
    fragments: { measures: AREA_MONTH_MEASURES },
  },
  {
    table: 'mart_area_month_total',
    file: 'marts/mart_area_month_total.sql',
    params: (c) => [c.city],
    fragments: { measures: AREA_MONTH_MEASURES },
  },
  {
    table: 'mart_resolution_hist_total',
    file: 'marts/mart_resolution_hist_total.sql',
    params: (c) => [c.city],
  },
];

/**
 * The fingerprint of the mart models: every MARTS entry with its SQL (fragments filled) and the
 * intermediate view they read. Stored per city in mart_models after a rebuild.
 */
export function martModelsVersion(): string {
  const hash = createHash('sha256');
  hash.update(sql('intermediate/int_request_area.sql', { city: literal('') }));
  for (const mart of MARTS) hash.update(`\0${mart.table}\0${sql(mart.file, mart.fragments)}`);
  return hash.digest('hex');
}

/**
 * Every month of the city when its marts were built by other models than these (a mart added or
 * changed since, or none recorded): the marts are then rebuilt whole, so a new table is never
 * left empty beside a full fact table. The months go into `affected`, so Parquet and the data
 * tests cover them too.
 */
async function addMonthsOfStaleModels(
  db: DuckDbWarehouse,
  city: CityConfig,
  affected: Set<string>,
  version: string,
): Promise<void> {
  const [stored] = await db.query<{ version: string }>(sql('marts/mart_models_get.sql'), [city.id]);
  if (stored?.version === version) return;
  const months = await db.query<{ month: string }>(sql('marts/mart_models_months.sql'), [city.id]);
  for (const { month } of months) affected.add(month);
}

/**
 * Months built in one pass. Every mart has the month in its grain, so passes over disjoint months
 * give the same rows as one pass over all; but one pass's aggregates stay small: mart_patterns is
 * nearly one row per request and level, and over all 17 years of a large city its hash table
 * alone outgrows DuckDB's memory limit (the peak of a full build at 1 M SF rows was that insert).
 * A year a pass: at 6.6 M SF rows two years a pass still spilled (the marts 65.7 s; 55.0 s with
 * one year), and at 1 M one year is no slower (14.9 → 13.3 s).
 */
const MONTHS_PER_PASS = 12;

/** `affected_months`, the months the mart models and the Parquet export read. */
async function setAffectedMonths(db: DuckDbWarehouse, months: readonly string[]): Promise<void> {
  await db.run('create or replace temp table affected_months (month date)');
  if (months.length === 0) return;
  await db.run(
    `insert into affected_months values ${months.map(() => '(cast(? as date))').join(', ')}`,
    months,
  );
}

export async function rebuildMarts(
  db: DuckDbWarehouse,
  city: CityConfig,
  affected: Set<string>,
  log?: Logger,
): Promise<number> {
  const version = martModelsVersion();
  await addMonthsOfStaleModels(db, city, affected, version);
  const months = [...affected].sort();
  await setAffectedMonths(db, months);
  if (months.length === 0) return 0;
  const [asOf] = await db.query<{ as_of: string | null }>(sql('marts/as_of.sql'), [city.id]);
  const context: MartContext = { city: city.id, asOf: asOf?.as_of ?? '1970-01-01T00:00:00' };
  await db.run(sql('intermediate/int_request_area.sql', { city: literal(city.id) }));
  // Each mart's seconds go to the debug log (the bench reports them as marts.<table>).
  let last = performance.now();
  const built = (mart: string) => {
    const now = performance.now();
    log?.debug({ city: city.id, mart, seconds: Math.round(now - last) / 1000 }, 'mart built');
    last = now;
  };
  for (let start = 0; start < months.length; start += MONTHS_PER_PASS) {
    if (months.length > MONTHS_PER_PASS) {
      await setAffectedMonths(db, months.slice(start, start + MONTHS_PER_PASS));
    }
    for (const mart of MARTS) {
      await db.run(sql('marts/delete_affected_months.sql', { mart: ident(mart.table) }), [city.id]);
      await db.run(
        `insert into ${ident(mart.table)} by name ${sql(mart.file, mart.fragments)}`,
        mart.params(context),
      );
      built(mart.table);
    }
  }
  // Parquet and the data tests read every month this run touched.
  if (months.length > MONTHS_PER_PASS) await setAffectedMonths(db, months);
  // mart_anomaly is rebuilt whole (pipeline/anomaly.ts: SQL counts, then the test in TypeScript).
  await rebuildAnomalyMart(db, city.id);
  built('mart_anomaly');
  await db.run(sql('marts/mart_models_set.sql'), [city.id, version]);
  return affected.size;
}
