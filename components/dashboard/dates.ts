/**
 * Date presets for the filter bar, relative to the city's last month of data (pure). The marts
 * are monthly, so the API widens every range to whole months; the legend shows the range used.
 */

export const DATE_PRESETS = ['30d', '90d', '12m', 'all', 'custom'] as const;
export type DatePreset = (typeof DATE_PRESETS)[number];

const DAY = 86_400_000;

function utc(date: string): number {
  return Date.parse(`${date.slice(0, 10)}T00:00:00Z`);
}

function iso(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** Last day of the month of `date`. */
export function endOfMonth(date: string): string {
  const d = new Date(utc(date));
  return iso(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1) - DAY);
}

/** from/to for a preset; undefined for both means the default (last 12 months of data). */
export function presetRange(
  preset: Exclude<DatePreset, 'custom'>,
  firstMonth: string | null,
  lastMonth: string | null,
): { from?: string; to?: string } {
  if (!lastMonth || preset === '12m') return {};
  const end = endOfMonth(lastMonth);
  switch (preset) {
    case '30d':
      return { from: iso(utc(end) - 29 * DAY), to: end };
    case '90d':
      return { from: iso(utc(end) - 89 * DAY), to: end };
    case 'all':
      return { from: firstMonth?.slice(0, 10) ?? undefined, to: end };
  }
}

/** Which preset a view's dates correspond to. */
export function currentPreset(
  view: { from?: string; to?: string },
  firstMonth: string | null,
  lastMonth: string | null,
): DatePreset {
  if (!view.from && !view.to) return '12m';
  for (const preset of ['30d', '90d', 'all'] as const) {
    const range = presetRange(preset, firstMonth, lastMonth);
    if (range.from === view.from && range.to === view.to) return preset;
  }
  return 'custom';
}

/** The month count of a whole-month range (first day of a month to the last day of one). */
export function monthsIn(from: string, to: string): number {
  const [fy, fm] = from.split('-').map(Number) as [number, number];
  const [ty, tm] = to.split('-').map(Number) as [number, number];
  return (ty - fy) * 12 + (tm - fm) + 1;
}

/** The period of the same number of whole months just before `from`..`to`. */
export function previousPeriod(from: string, to: string): { from: string; to: string } {
  const months = monthsIn(from, to);
  const [fy, fm] = from.split('-').map(Number) as [number, number];
  const start = new Date(Date.UTC(fy, fm - 1 - months, 1));
  const end = new Date(Date.UTC(fy, fm - 1, 1) - DAY);
  return { from: iso(start.getTime()), to: iso(end.getTime()) };
}
