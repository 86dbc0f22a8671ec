/**
 * The SQL fragments that differ between warehouses. Each dialect module exports the same set;
 * lib/queries and pipeline/ build SQL through these, never by testing which warehouse runs.
 */
export interface TableLayout {
  /** A DATE column to partition by month on (BigQuery only; see each module). */
  partitionBy?: string;
  /** Up to four columns to cluster (BigQuery) or sort (DuckDB) by. */
  clusterBy?: readonly string[];
}

export interface MergeSpec {
  target: string;
  source: string;
  keys: readonly string[];
  columns: readonly string[];
  /** A SQL condition on `target.` added to the match, to prune partitions. */
  targetFilter?: string;
}

export interface Dialect {
  quoteIdent(name: string): string;
  /** First day of the month of a TIMESTAMP/DATE expression, as a DATE. */
  dateTruncMonth(expr: string): string;
  /** Hours from `start` to `end`, fractional, as a double. */
  dateDiffHours(start: string, end: string): string;
  /** An aggregate: the `p` quantile (0..1) of `expr`. */
  percentile(expr: string, p: number): string;
  createTableAs(name: string, select: string, layout?: TableLayout): string;
  mergeUpsert(spec: MergeSpec): string;
  /** A DATE literal for the first day of `month` ('YYYY-MM'). */
  monthLiteral(month: string): string;
  /** A bound `?` parameter (ISO date text) read as a DATE. */
  monthParam(): string;
  /** Epoch milliseconds (UTC instant) → local wall-clock TIMESTAMP in `timezone`. */
  epochMsToTimestamp(expr: string, timezone: string): string;
  /** The current local wall-clock time in `timezone`, as the contract's zone-less TIMESTAMP. */
  currentTimestamp(timezone: string): string;
}

export function monthStart(month: string): string {
  if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(month)) throw new Error(`Not a month (YYYY-MM): ${month}`);
  return `${month}-01`;
}

/** Time zone names go inside string literals: allow only IANA-shaped names. */
export function checkTimezone(timezone: string): string {
  if (!/^[A-Za-z_]+(\/[A-Za-z0-9_+-]+)*$/.test(timezone))
    throw new Error(`Not a time zone: ${timezone}`);
  return timezone;
}

export function checkQuantile(p: number): number {
  if (!(p >= 0 && p <= 1)) throw new Error(`A quantile is between 0 and 1: ${p}`);
  return p;
}

export function mergeBody(spec: MergeSpec, q: (name: string) => string): string {
  const on = spec.keys.map((k) => `target.${q(k)} = source.${q(k)}`);
  if (spec.targetFilter) on.push(spec.targetFilter);
  const set = spec.columns
    .filter((c) => !spec.keys.includes(c))
    .map((c) => `${q(c)} = source.${q(c)}`);
  const cols = spec.columns.map(q).join(', ');
  const values = spec.columns.map((c) => `source.${q(c)}`).join(', ');
  return [
    `MERGE INTO ${spec.target} AS target`,
    `USING ${spec.source} AS source`,
    `ON ${on.join(' AND ')}`,
    `WHEN MATCHED THEN UPDATE SET ${set.join(', ')}`,
    `WHEN NOT MATCHED THEN INSERT (${cols}) VALUES (${values})`,
  ].join('\n');
}
