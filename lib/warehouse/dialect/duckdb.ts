/**
 * DuckDB SQL fragments. Same exports as bigquery.ts; each divergence says why.
 */
import { checkQuantile, mergeBody, type Dialect, type MergeSpec } from './types';

export const duckdbDialect: Dialect = {
  // Standard SQL double quotes; a quote inside is doubled.
  quoteIdent: (name) => `"${name.replace(/"/g, '""')}"`,
  // Exact and interpolated; BigQuery's counterpart is approximate (see bigquery.ts).
  percentile: (expr, p) => `quantile_cont(${expr}, ${checkQuantile(p)})`,
  // MERGE INTO exists since DuckDB 1.4, same shape as BigQuery's.
  mergeUpsert(spec: MergeSpec) {
    return mergeBody(spec, (n) => this.quoteIdent(n));
  },
};
