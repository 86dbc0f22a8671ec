/**
 * Resolution-time buckets: the shared contract between the pipeline (which counts closed
 * requests per bucket into `mart_resolution_hist`) and the app (which reads percentiles back
 * out of those counts). Bucket `i` holds resolution hours in [EDGES[i], EDGES[i + 1]).
 * Pure functions only, so the pipeline, the API and the browser can all import this file.
 */

/** Edges in hours. The last bucket is open-ended: [8760, +∞). */
export const RESOLUTION_BUCKET_EDGES = [
  0,
  1,
  2,
  4,
  8,
  12,
  24,
  48,
  72,
  120,
  168,
  336,
  720,
  1440,
  2160,
  4320,
  8760,
  Number.POSITIVE_INFINITY,
] as const;

/** Number of buckets (edges minus one): 17, indices 0..16. */
export const RESOLUTION_BUCKET_COUNT = RESOLUTION_BUCKET_EDGES.length - 1;

/** The lower and upper edge of bucket `index`, in hours (upper is exclusive; may be +∞). */
export function bucketBounds(index: number): readonly [number, number] {
  if (!Number.isInteger(index) || index < 0 || index >= RESOLUTION_BUCKET_COUNT) {
    throw new RangeError(`resolution bucket ${index} is outside 0..${RESOLUTION_BUCKET_COUNT - 1}`);
  }
  return [RESOLUTION_BUCKET_EDGES[index]!, RESOLUTION_BUCKET_EDGES[index + 1]!];
}

/**
 * The bucket holding `hours`, or null when the value cannot be bucketed (negative, NaN or
 * infinite: a close before its open is a data error, not a very fast resolution).
 */
export function bucketOf(hours: number): number | null {
  if (!Number.isFinite(hours) || hours < 0) return null;
  for (let i = RESOLUTION_BUCKET_COUNT - 1; i >= 0; i--) {
    if (hours >= RESOLUTION_BUCKET_EDGES[i]!) return i;
  }
  return null;
}

/**
 * A SQL CASE expression mapping an hours expression to its bucket index (NULL when negative
 * or NULL). Generated from the edges so SQL and TypeScript cannot disagree. `expr` must be a
 * trusted column expression, never user input.
 */
export function bucketSqlCase(expr: string): string {
  const whens: string[] = [];
  for (let i = RESOLUTION_BUCKET_COUNT - 1; i >= 0; i--) {
    whens.push(`when ${expr} >= ${RESOLUTION_BUCKET_EDGES[i]} then ${i}`);
  }
  return `(case ${whens.join(' ')} else null end)`;
}

function formatHours(hours: number): string {
  if (hours < 24) return `${hours} h`;
  const days = hours / 24;
  if (days < 365) return `${days} d`;
  return `${days / 365} y`;
}

/** A short human label for bucket `index`: "<1 h", "1–2 h", "1–2 d", "≥1 y". */
export function bucketLabel(index: number): string {
  const [lo, hi] = bucketBounds(index);
  if (lo === 0) return `<${formatHours(hi)}`;
  if (!Number.isFinite(hi)) return `≥${formatHours(lo)}`;
  const loText = formatHours(lo);
  const hiText = formatHours(hi);
  const loUnit = loText.split(' ')[1];
  const hiUnit = hiText.split(' ')[1];
  return loUnit === hiUnit ? `${loText.split(' ')[0]}–${hiText}` : `${loText}–${hiText}`;
}

/** Dense counts (length RESOLUTION_BUCKET_COUNT) from sparse `{ bucket, n }` rows, summed. */
export function histogramFromRows(rows: Iterable<{ bucket: number; n: number }>): number[] {
  const counts = new Array<number>(RESOLUTION_BUCKET_COUNT).fill(0);
  for (const { bucket, n } of rows) {
    bucketBounds(bucket);
    counts[bucket] = counts[bucket]! + n;
  }
  return counts;
}

export interface PercentileOptions {
  /**
   * The largest observed value in hours, used as the upper edge of the open-ended last bucket
   * (and to cap any bucket above it). Without it, a percentile in the last bucket is its lower
   * edge (8760 h), a documented underestimate.
   */
  maxHours?: number | null;
}

/**
 * The `p`-th percentile (0 ≤ p ≤ 1) in hours from bucket counts, by linear interpolation inside
 * the bucket the rank falls in: value = lo + (rank − countBefore) / countIn × (hi − lo), with
 * rank = p × total. Returns null when the histogram is empty (no closed requests: there is no
 * answer, which is not the same as zero hours).
 */
export function percentileFromHistogram(
  counts: readonly number[],
  p: number,
  options: PercentileOptions = {},
): number | null {
  if (!(p >= 0 && p <= 1)) throw new RangeError(`percentile ${p} is outside 0..1`);
  if (counts.length > RESOLUTION_BUCKET_COUNT) {
    throw new RangeError(
      `histogram has ${counts.length} buckets, expected ${RESOLUTION_BUCKET_COUNT}`,
    );
  }
  let total = 0;
  for (const n of counts) {
    if (!(n >= 0)) throw new RangeError(`histogram count ${n} is not a non-negative number`);
    total += n;
  }
  if (total === 0) return null;
  const rank = p * total;
  const max = options.maxHours ?? null;
  let before = 0;
  for (let i = 0; i < counts.length; i++) {
    const n = counts[i]!;
    if (n === 0) continue;
    if (before + n >= rank) {
      const [lo, rawHi] = bucketBounds(i);
      let hi = Number.isFinite(rawHi) ? rawHi : (max ?? lo);
      if (max !== null && max >= lo && max < hi) hi = max;
      if (hi < lo) hi = lo;
      const fraction = Math.min(1, Math.max(0, (rank - before) / n));
      return lo + fraction * (hi - lo);
    }
    before += n;
  }
  // Floating-point slack: the rank sits at the very top of the last non-empty bucket.
  for (let i = counts.length - 1; i >= 0; i--) {
    if (counts[i]! > 0) {
      const [lo, hi] = bucketBounds(i);
      return Number.isFinite(hi) ? hi : (max ?? lo);
    }
  }
  return null;
}

/** Median and 90th percentile in hours (null when nothing closed). */
export function summarizeHistogram(
  counts: readonly number[],
  options: PercentileOptions = {},
): { n: number; p50Hours: number | null; p90Hours: number | null } {
  const n = counts.reduce((sum, value) => sum + value, 0);
  return {
    n,
    p50Hours: percentileFromHistogram(counts, 0.5, options),
    p90Hours: percentileFromHistogram(counts, 0.9, options),
  };
}
