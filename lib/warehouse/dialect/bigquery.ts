/**
 * BigQuery (GoogleSQL) fragments. Same exports as duckdb.ts; each divergence says why.
 * The contract's "TIMESTAMP without zone" is BigQuery's DATETIME (its TIMESTAMP is an instant).
 */
import { checkQuantile, mergeBody, type Dialect, type MergeSpec } from './types';

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
  // Approximate: see PERCENTILE_RANK_TOLERANCE.
  percentile: (expr, p) =>
    `APPROX_QUANTILES(${expr}, 100)[OFFSET(${Math.round(checkQuantile(p) * 100)})]`,
  // Same MERGE text as DuckDB; the difference is the partition filter callers pass in.
  mergeUpsert(spec: MergeSpec) {
    return mergeBody(spec, (n) => this.quoteIdent(n));
  },
};
