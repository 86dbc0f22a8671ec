/**
 * BigQuery (GoogleSQL) fragments. Same exports as duckdb.ts; each divergence says why.
 * The contract's "TIMESTAMP without zone" is BigQuery's DATETIME (its TIMESTAMP is an instant).
 */
import {
  checkQuantile,
  checkTimezone,
  mergeBody,
  monthStart,
  type Dialect,
  type MergeSpec,
  type TableLayout,
} from './types';

/**
 * APPROX_QUANTILES(x, 100) returns 101 boundaries from a sketch; we read the one at round(p·100).
 * It is an input value (no interpolation) whose rank is within about 1% of n of p·n, so compare
 * with DuckDB's quantile_cont by rank: the BigQuery value must lie between DuckDB's p−0.02 and
 * p+0.02 quantiles (±1% from the 100 buckets, ±1% for the sketch). Exact PERCENTILE_CONT exists in
 * BigQuery only as a window function, which costs a second pass over the rows.
 */
export const PERCENTILE_RANK_TOLERANCE = 0.02;

export const bigqueryDialect: Dialect = {
  // Backticks; a backtick or backslash inside is backslash-escaped.
  quoteIdent: (name) => `\`${name.replace(/[`\\]/g, (c) => `\\${c}`)}\``,
  // DATE_TRUNC on a DATETIME returns a DATETIME: truncate the DATE so `month` is a DATE.
  dateTruncMonth: (expr) => `DATE_TRUNC(DATE(${expr}), MONTH)`,
  // DATETIME_DIFF takes (end, start) and counts whole units: seconds / 3600 keeps the fraction.
  dateDiffHours: (start, end) => `(DATETIME_DIFF(${end}, ${start}, SECOND) / 3600)`,
  // Approximate: see PERCENTILE_RANK_TOLERANCE.
  percentile: (expr, p) =>
    `APPROX_QUANTILES(${expr}, 100)[OFFSET(${Math.round(checkQuantile(p) * 100)})]`,
  createTableAs(name: string, select: string, layout: TableLayout = {}) {
    // Partition by the month DATE column so a month filter scans only its partitions; cluster
    // (≤4 columns) so city/type filters read only matching blocks within them.
    const clusterBy = layout.clusterBy ?? [];
    if (clusterBy.length > 4) throw new Error('BigQuery clusters by at most four columns.');
    return [
      `CREATE OR REPLACE TABLE ${name}`,
      layout.partitionBy ? `PARTITION BY ${this.quoteIdent(layout.partitionBy)}` : '',
      clusterBy.length ? `CLUSTER BY ${clusterBy.map((c) => this.quoteIdent(c)).join(', ')}` : '',
      `AS ${select}`,
    ]
      .filter(Boolean)
      .join('\n');
  },
  // Same MERGE text as DuckDB; the difference is the partition filter callers pass in.
  mergeUpsert(spec: MergeSpec) {
    return mergeBody(spec, (n) => this.quoteIdent(n));
  },
  // DATE literals are the same in both.
  monthLiteral: (month) => `DATE '${monthStart(month)}'`,
  monthParam: () => 'CAST(? AS DATE)',
  // TIMESTAMP_MILLIS makes the instant; DATETIME(ts, zone) is its wall-clock time in the city.
  epochMsToTimestamp: (expr, tz) =>
    `DATETIME(TIMESTAMP_MILLIS(CAST(${expr} AS INT64)), '${checkTimezone(tz)}')`,
  // CURRENT_DATETIME(zone) is the zone-less local time the contract stores.
  currentTimestamp: (tz) => `CURRENT_DATETIME('${checkTimezone(tz)}')`,
};
