/**
 * The monthly charts' honesty notes, from the API's month flags (gap, partial, outlier): which
 * months to leave as gaps, which month is partial, and how far the outliers sit from a typical
 * month (pure). The rules that set the flags live on the server.
 */
import type { TrendMonth } from '@/lib/api/types';

export interface MonthNotes {
  gaps: Set<string>;
  partial: string | null;
  /** Outlier months with their volume as a share of the median month with data. */
  unusual: { month: string; ratio: number }[];
}

export function monthNotes(months: readonly TrendMonth[]): MonthNotes {
  const gaps = new Set(months.filter((m) => m.gap).map((m) => m.month));
  const partial = months.find((m) => m.partial)?.month ?? null;
  const present = months
    .filter((m) => !m.gap && m.total !== null)
    .map((m) => m.total!)
    .sort((a, b) => a - b);
  const mid = Math.floor(present.length / 2);
  const median = present.length
    ? present.length % 2
      ? present[mid]!
      : (present[mid - 1]! + present[mid]!) / 2
    : 0;
  const unusual = months
    .filter((m) => m.outlier && !m.partial && m.total !== null && median > 0)
    .map((m) => ({ month: m.month, ratio: m.total! / median }));
  return { gaps, partial, unusual };
}

/** A y-axis wide enough for its longest tick label (grouped digits), so none is clipped. */
export function axisWidth(max: number, format: (value: number) => string): number {
  // Nice ticks can run past the maximum (9,500 → 10,000): size for a quarter more.
  const label = format(Math.max(0, Math.ceil(max * 1.25)));
  return Math.max(32, 12 + label.length * 7.5);
}
