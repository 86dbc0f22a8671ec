/**
 * DuckDB SQL fragments. Same exports as bigquery.ts; each divergence says why.
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

export const duckdbDialect: Dialect = {
  // Standard SQL double quotes; a quote inside is doubled.
  quoteIdent: (name) => `"${name.replace(/"/g, '""')}"`,
  // date_trunc returns a TIMESTAMP for a TIMESTAMP input: cast so `month` is a DATE everywhere.
  dateTruncMonth: (expr) => `CAST(date_trunc('month', ${expr}) AS DATE)`,
  // date_diff('hour') counts hour boundaries (integer): seconds / 3600.0 keeps the fraction.
  dateDiffHours: (start, end) => `(date_diff('second', ${start}, ${end}) / 3600.0)`,
  // Exact and interpolated; BigQuery's counterpart is approximate (see bigquery.ts).
  percentile: (expr, p) => `quantile_cont(${expr}, ${checkQuantile(p)})`,
  createTableAs(name: string, select: string, layout: TableLayout = {}) {
    // No table partitions in DuckDB: row-group min/max (zonemaps) prune instead, so sorting by
    // the partition and cluster columns gives the same skipping.
    const order = [layout.partitionBy, ...(layout.clusterBy ?? [])].filter((c): c is string => !!c);
    const body = order.length
      ? `SELECT * FROM (${select}) ORDER BY ${order.map((c) => this.quoteIdent(c)).join(', ')}`
      : select;
    return `CREATE OR REPLACE TABLE ${name} AS ${body}`;
  },
  // MERGE INTO exists since DuckDB 1.4, same shape as BigQuery's.
  mergeUpsert(spec: MergeSpec) {
    return mergeBody(spec, (n) => this.quoteIdent(n));
  },
  // DATE literals are the same in both.
  monthLiteral: (month) => `DATE '${monthStart(month)}'`,
  monthParam: () => 'CAST(? AS DATE)',
  // to_timestamp gives a TIMESTAMPTZ; timezone() turns it into that zone's wall-clock TIMESTAMP.
  epochMsToTimestamp: (expr, tz) =>
    `timezone('${checkTimezone(tz)}', to_timestamp(${expr} / 1000.0))`,
  // now() is a TIMESTAMPTZ; the contract stores zone-less local time.
  currentTimestamp: (tz) => `timezone('${checkTimezone(tz)}', now())`,
};
