/**
 * Seasonal heatmap shaping, pure and client-safe: type × month-of-year (or season) grids with
 * each cell's share of its type's total, the top types per season, and the season calendar.
 * lib/queries/heatmap.ts runs the SQL and hands its rows to these functions.
 */
import type { HeatmapColumn, HeatmapRow, SeasonTop } from '@/lib/api/types';

/** Ratio rounded to 4 decimals; null when the denominator is 0 (no answer, not 0 %). */
function ratio(part: number, whole: number): number | null {
  return whole > 0 ? Math.round((part / whole) * 10_000) / 10_000 : null;
}

export const HEATMAP_MODES = ['month', 'season'] as const;
export type HeatmapMode = (typeof HEATMAP_MODES)[number];

export const SEASONS = ['winter', 'spring', 'summer', 'autumn'] as const;
export type Season = (typeof SEASONS)[number];

const monthFormats = new Map<string, Intl.DateTimeFormat>();

/**
 * The name of month 1–12 in a language, from Intl.DateTimeFormat (no hand-written lists):
 * "Jan" / "janv." / "ene" short, "January" / "janvier" / "enero" long.
 */
export function monthName(
  monthOfYear: number,
  locale = 'en',
  width: 'short' | 'long' = 'short',
): string {
  const id = `${locale}\u0000${width}`;
  let f = monthFormats.get(id);
  if (!f) {
    f = new Intl.DateTimeFormat(locale, { month: width, timeZone: 'UTC' });
    monthFormats.set(id, f);
  }
  return f.format(new Date(Date.UTC(2024, monthOfYear - 1, 1)));
}

const MONTH_LABELS = Array.from({ length: 12 }, (_, i) => monthName(i + 1));

/** The first and last month of a season, as the season label names them (Dec–Feb). */
export function seasonSpan(season: Season): { from: number; to: number } {
  const months = SEASON_MONTHS[season];
  return { from: months[0]!, to: months[months.length - 1]! };
}

function englishSeasonLabel(season: Season): string {
  const { from, to } = seasonSpan(season);
  return `${season[0]!.toUpperCase()}${season.slice(1)} (${monthName(from)}–${monthName(to)})`;
}

/** Meteorological seasons: DJF, MAM, JJA, SON. */
export function seasonOfMonth(monthOfYear: number): Season {
  if (monthOfYear === 12 || monthOfYear <= 2) return 'winter';
  if (monthOfYear <= 5) return 'spring';
  if (monthOfYear <= 8) return 'summer';
  return 'autumn';
}

export const SEASON_MONTHS: Record<Season, number[]> = {
  winter: [12, 1, 2],
  spring: [3, 4, 5],
  summer: [6, 7, 8],
  autumn: [9, 10, 11],
};

/** One row of the warehouse answer: a type's count in one month of the year. */
export interface TypeMonthCount {
  type: string;
  category: string;
  monthOfYear: number;
  count: number;
}

export function heatmapColumns(mode: HeatmapMode): HeatmapColumn[] {
  return mode === 'month'
    ? MONTH_LABELS.map((label, i) => ({ key: String(i + 1), label }))
    : SEASONS.map((season) => ({ key: season, label: englishSeasonLabel(season) }));
}

function columnOf(mode: HeatmapMode, monthOfYear: number): string {
  return mode === 'month' ? String(monthOfYear) : seasonOfMonth(monthOfYear);
}

/** Type × column grid of the top-N types, each cell with its share of the type's total. */
export function shapeHeatmap(
  counts: readonly TypeMonthCount[],
  mode: HeatmapMode,
  topN: number,
): {
  columns: HeatmapColumn[];
  rows: HeatmapRow[];
  otherTypes: number;
  otherCount: number;
  total: number;
} {
  const columns = heatmapColumns(mode);
  const byType = new Map<string, { category: string; total: number; cells: Map<string, number> }>();
  for (const row of counts) {
    if (row.monthOfYear < 1 || row.monthOfYear > 12 || row.count <= 0) continue;
    let entry = byType.get(row.type);
    if (!entry) {
      entry = { category: row.category, total: 0, cells: new Map() };
      byType.set(row.type, entry);
    }
    const column = columnOf(mode, row.monthOfYear);
    entry.cells.set(column, (entry.cells.get(column) ?? 0) + row.count);
    entry.total += row.count;
  }
  const ranked = [...byType.entries()].sort(
    ([a, x], [b, y]) => y.total - x.total || a.localeCompare(b),
  );
  const rows = ranked.slice(0, topN).map(([type, entry]) => ({
    type,
    category: entry.category,
    total: entry.total,
    cells: columns.map((column) => {
      const count = entry.cells.get(column.key) ?? 0;
      return { column: column.key, count, share: ratio(count, entry.total) };
    }),
  }));
  const rest = ranked.slice(topN);
  return {
    columns,
    rows,
    otherTypes: rest.length,
    otherCount: rest.reduce((sum, [, entry]) => sum + entry.total, 0),
    total: ranked.reduce((sum, [, entry]) => sum + entry.total, 0),
  };
}

/** For each season, its top-N types by count with their share of the season's total. */
export function shapeTopBySeason(counts: readonly TypeMonthCount[], topN: number): SeasonTop[] {
  return SEASONS.map((season) => {
    const byType = new Map<string, number>();
    let total = 0;
    for (const row of counts) {
      if (row.count <= 0 || seasonOfMonth(row.monthOfYear) !== season) continue;
      byType.set(row.type, (byType.get(row.type) ?? 0) + row.count);
      total += row.count;
    }
    const types = [...byType.entries()]
      .sort(([a, x], [b, y]) => y - x || a.localeCompare(b))
      .slice(0, topN)
      .map(([type, count], i) => ({ rank: i + 1, type, count, share: ratio(count, total) }));
    return { season, label: englishSeasonLabel(season), total, types };
  });
}

/** The largest share in the grid: the top of the colour scale. */
export function maxShare(rows: readonly HeatmapRow[]): number {
  let max = 0;
  for (const row of rows) for (const cell of row.cells) max = Math.max(max, cell.share ?? 0);
  return max;
}
