/**
 * The SQL fragments that differ between warehouses. Each dialect module exports the same set;
 * lib/queries and pipeline/ build SQL through these, never by testing which warehouse runs.
 */
export interface MergeSpec {
  target: string;
  source: string;
  keys: readonly string[];
  columns: readonly string[];
  /** A SQL condition on `target.` added to the match, to prune partitions. */
  targetFilter?: string;
}

/** Only what something uses (the BigQuery target and the web bench); check with grep and tsc. */
export interface Dialect {
  quoteIdent(name: string): string;
  /** An aggregate: the `p` quantile (0..1) of `expr`. */
  percentile(expr: string, p: number): string;
  mergeUpsert(spec: MergeSpec): string;
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
