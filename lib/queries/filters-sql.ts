/**
 * Turns a View (lib/view) into a parameterised WHERE clause for the marts.
 * Values always travel as `?` parameters; identifiers (tables, columns, aliases) come only from
 * the allowlists below. Dates: the marts are monthly, so a from/to range covers the whole months
 * it touches (lib/view/dates.ts).
 */
import 'server-only';
import type { Param } from '@/lib/warehouse/types';
import type { View } from '@/lib/view';
import { InvalidViewError } from '@/lib/api/errors';

export interface SqlFragment {
  sql: string;
  params: Param[];
}

/**
 * Tagged template: `sql\`city = ${city}\`` gives `{ sql: 'city = ?', params: [city] }`.
 * A nested fragment is spliced in with its own parameters, so a query is parameterised
 * because of how it is written.
 */
export function sql(
  strings: TemplateStringsArray,
  ...values: (Param | SqlFragment)[]
): SqlFragment {
  let text = strings[0] ?? '';
  const params: Param[] = [];
  values.forEach((value, i) => {
    if (isFragment(value)) {
      text += value.sql;
      params.push(...value.params);
    } else {
      text += '?';
      params.push(value);
    }
    text += strings[i + 1] ?? '';
  });
  return { sql: text, params };
}

/** Joins fragments with a separator (`' and '` by default); an empty list gives `true`. */
export function joinSql(fragments: readonly SqlFragment[], separator = ' and '): SqlFragment {
  if (!fragments.length) return { sql: 'true', params: [] };
  return {
    sql: fragments.map((f) => f.sql).join(separator),
    params: fragments.flatMap((f) => f.params),
  };
}

/** A trusted identifier spliced as text: only ever one from the allowlists in this module. */
export function raw(text: string): SqlFragment {
  return { sql: text, params: [] };
}

function isFragment(value: Param | SqlFragment): value is SqlFragment {
  return typeof value === 'object' && value !== null && 'sql' in value && 'params' in value;
}

/** The level that holds city-wide rows (including requests with no usable location). */
export const CITY_LEVEL = '_city';

/** View parameters that filter the marts, with the mart column each one reads. */
export const FILTER_COLUMNS = {
  type: 'type',
  category: 'category',
  channel: 'channel',
  division: 'division',
  status: 'status_group',
} as const;
export type FilterParameter = keyof typeof FILTER_COLUMNS;

/** Which filter parameters each table can apply. `category` on the histogram goes through types. */
export const FILTER_TABLES = {
  mart_area_month: ['type', 'category', 'channel', 'division', 'status'],
  mart_area_month_type: ['type', 'category', 'status'],
  mart_area_month_category: ['category', 'status'],
  mart_area_month_total: ['status'],
  mart_resolution_hist: ['type', 'category'],
  mart_patterns: ['type', 'category', 'channel', 'division', 'status'],
  mart_resolution_hist_total: [],
} as const satisfies Record<string, readonly FilterParameter[]>;
export type FilterTable = keyof typeof FILTER_TABLES;

/** A filter the chosen table cannot apply: the route answers 400 naming `parameter`. */
export class UnsupportedFilterError extends InvalidViewError {
  override name = 'UnsupportedFilterError';
  constructor(
    override readonly parameter: FilterParameter,
    message: string,
  ) {
    super(parameter, message);
  }
}

export {
  addMonths,
  DEFAULT_MONTHS,
  monthEnd,
  monthList,
  monthsBetween,
  monthStart,
  previousRange,
  resolveRange,
  type DateRange,
  type MonthRange,
} from '@/lib/view/dates';
import type { MonthRange } from '@/lib/view/dates';

export interface FilterOptions {
  /** Which mart is filtered; decides which filters apply. Default mart_area_month. */
  table?: FilterTable;
  /** Table alias to prefix columns with (a single lower-case word). */
  alias?: string;
  /** Level to read instead of the view's (e.g. CITY_LEVEL for city-wide totals); null: every level. */
  level?: string | null;
  /** Restrict to one area of the level. */
  areaKey?: string;
  /** Months to read; required, from resolveRange or previousRange. */
  range: MonthRange;
  /** Filters to leave out (e.g. a chart broken down by status ignores `status`). */
  omit?: readonly FilterParameter[];
}

const ALIAS = /^[a-z][a-z0-9_]{0,15}$/;

/**
 * The WHERE clause (without the keyword) for a view on one mart:
 * city, level, month range, then each filter the view sets.
 */
export function buildFilters(view: View, options: FilterOptions): SqlFragment {
  const table = options.table ?? 'mart_area_month';
  if (!(table in FILTER_TABLES)) throw new Error(`not a filterable table: ${table}`);
  if (options.alias !== undefined && !ALIAS.test(options.alias)) {
    throw new Error(`not a valid alias: ${options.alias}`);
  }
  const col = (name: string) => raw(options.alias ? `${options.alias}.${name}` : name);
  const supported: readonly FilterParameter[] = FILTER_TABLES[table];
  const omit = new Set(options.omit ?? []);

  const parts: SqlFragment[] = [sql`${col('city')} = ${view.city}`];
  if (options.level !== null) parts.push(sql`${col('level')} = ${options.level ?? view.level}`);
  if (options.areaKey !== undefined) parts.push(sql`${col('area_key')} = ${options.areaKey}`);
  parts.push(
    sql`${col('month')} between cast(${options.range.fromMonth} as date) and cast(${options.range.toMonth} as date)`,
  );

  for (const parameter of Object.keys(FILTER_COLUMNS) as FilterParameter[]) {
    if (omit.has(parameter)) continue;
    const values = filterValues(view, parameter);
    if (!values.length) continue;
    // Resolution times exist only for closed requests: status=closed changes nothing there.
    if (isHistogram(table) && parameter === 'status' && values[0] === 'closed') {
      continue;
    }
    if (!supported.includes(parameter)) {
      throw new UnsupportedFilterError(
        parameter,
        `${parameter} cannot be applied to ${describeTable(table)}`,
      );
    }
    parts.push(sql`${col(FILTER_COLUMNS[parameter])} in (${list(values)})`);
  }
  // Merged: each problem once, by its first request (every mart keeps is_problem_first).
  if (view.duplicates === 'merged') parts.push(sql`${col('is_problem_first')}`);
  return joinSql(parts);
}

function isHistogram(table: FilterTable): boolean {
  return table === 'mart_resolution_hist' || table === 'mart_resolution_hist_total';
}

function describeTable(table: FilterTable): string {
  return isHistogram(table) ? 'resolution times (they are counted by type and area only)' : table;
}

function list(values: readonly string[]): SqlFragment {
  return joinSql(
    values.map((value) => sql`${value}`),
    ', ',
  );
}

/** The values a view sets for one filter parameter (status is a single value). */
export function filterValues(view: View, parameter: FilterParameter): string[] {
  const value = view[parameter];
  if (value === undefined) return [];
  return Array.isArray(value) ? value : [value];
}
