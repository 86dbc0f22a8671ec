/** Formatters and colours shared by the chart components (words live in lib/api/texts.ts). */

export const formatCount = (value: number | null | undefined): string =>
  value === null || value === undefined ? '—' : value.toLocaleString('en-US');

export const formatPct = (value: number | null | undefined, digits = 1): string =>
  value === null || value === undefined ? '—' : `${(value * 100).toFixed(digits)}%`;

export const formatDays = (value: number | null | undefined): string =>
  value === null || value === undefined
    ? '—'
    : `${value < 10 ? value.toFixed(1) : Math.round(value)} d`;

/** A palette that stays distinguishable for common colour-vision deficiencies (Okabe–Ito+). */
export const CATEGORY_COLORS = [
  '#0072B2',
  '#E69F00',
  '#009E73',
  '#CC79A7',
  '#56B4E9',
  '#D55E00',
  '#F0E442',
  '#000000',
  '#999999',
  '#7F3C8D',
  '#11A579',
  '#3969AC',
];

/** The chart formatters in a language: the same rules as above, digits and signs of the locale. */
export interface ChartFormat {
  count(value: number | null | undefined): string;
  pct(value: number | null | undefined, digits?: number): string;
  days(value: number | null | undefined): string;
  /** A plain number with exactly `digits` decimals ("12.50", "12,50"). */
  fixed(value: number | null | undefined, digits: number): string;
}

const chartFormats = new Map<string, ChartFormat>();

/** `daysShort` is the catalogue's "{value} d" ("{value} j" in French), already filled in. */
export function makeChartFormat(locale: string, daysShort: (value: string) => string): ChartFormat {
  const key = `${locale}\u0000${daysShort('#')}`;
  const cached = chartFormats.get(key);
  if (cached) return cached;
  const counts = new Intl.NumberFormat(locale, { maximumFractionDigits: 0 });
  const fixedFormats = new Map<string, Intl.NumberFormat>();
  const fixedFormat = (digits: number, style: 'decimal' | 'percent') => {
    const id = `${style}${digits}`;
    let f = fixedFormats.get(id);
    if (!f) {
      f = new Intl.NumberFormat(locale, {
        style,
        minimumFractionDigits: digits,
        maximumFractionDigits: digits,
      });
      fixedFormats.set(id, f);
    }
    return f;
  };
  const none = (value: number | null | undefined): value is null | undefined =>
    value === null || value === undefined || !Number.isFinite(value);
  const format: ChartFormat = {
    count: (value) => (none(value) ? '—' : counts.format(value)),
    pct: (value, digits = 1) => (none(value) ? '—' : fixedFormat(digits, 'percent').format(value)),
    days: (value) =>
      none(value)
        ? '—'
        : daysShort(
            value < 10
              ? fixedFormat(1, 'decimal').format(value)
              : fixedFormat(0, 'decimal').format(Math.round(value)),
          ),
    fixed: (value, digits) => (none(value) ? '—' : fixedFormat(digits, 'decimal').format(value)),
  };
  chartFormats.set(key, format);
  return format;
}
