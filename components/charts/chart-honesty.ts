/**
 * Pure checks that keep the monthly charts honest: which months have no data at all (drawn as
 * gaps, not zeros), whether the last month is still partial, and which months hold a volume so
 * far from the others that the file, not the city, probably changed (coverage).
 */

/** A month's total across series; null when the server marks it as having no data. */
export type MonthTotal = { month: string; total: number | null };

/** Months with no data: null from the server, or nothing at all in a range that has data. */
export function gapMonths(totals: readonly MonthTotal[]): Set<string> {
  const any = totals.some((t) => (t.total ?? 0) > 0);
  return new Set(
    totals.filter((t) => t.total === null || (any && t.total === 0)).map((t) => t.month),
  );
}

export const COVERAGE_LOW = 0.25;
export const COVERAGE_HIGH = 4;

/**
 * Months whose volume is below a quarter or above four times the median month (months with
 * data only): they usually mean the file covers that month partly or twice.
 */
export function unusualMonths(totals: readonly MonthTotal[]): { month: string; ratio: number }[] {
  const present = totals.filter((t): t is { month: string; total: number } => (t.total ?? 0) > 0);
  if (present.length < 3) return [];
  const sorted = present.map((t) => t.total).sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const median = sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
  if (median <= 0) return [];
  return present
    .map((t) => ({ month: t.month, ratio: t.total / median }))
    .filter((t) => t.ratio < COVERAGE_LOW || t.ratio > COVERAGE_HIGH);
}

/**
 * The month of `lastMonth` is partial when the data's freshness falls before its last day and
 * the chart's range reaches it.
 */
export function partialMonth(
  months: readonly string[],
  freshness: string | null | undefined,
): string | null {
  const last = months[months.length - 1];
  if (!last || !freshness) return null;
  const fresh = freshness.slice(0, 10);
  if (fresh.slice(0, 7) !== last.slice(0, 7)) return null;
  const [y, m] = last.split('-').map(Number) as [number, number];
  const end = new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
  return fresh < end ? last : null;
}

/** A y-axis wide enough for its longest tick label (grouped digits), so none is clipped. */
export function axisWidth(max: number, format: (value: number) => string): number {
  // Nice ticks can run past the maximum (9,500 → 10,000): size for a quarter more.
  const label = format(Math.max(0, Math.ceil(max * 1.25)));
  return Math.max(32, 12 + label.length * 7.5);
}
