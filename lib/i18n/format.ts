/**
 * Numbers in the page's language (pure, client-safe): "1,234.5" in English, "1 234,5" in French,
 * "1234,5" in Spanish. One set of Intl formatters per locale, made once.
 */
import type { Metric } from '@/lib/view/schema';
import type { Locale } from './locales';

export interface Format {
  locale: Locale;
  /** A metric's value with its unit sign ("12.5 d", "87.1%", "+4%"); noData for none. */
  value(value: number | null | undefined, metric: Metric): string;
  /** A whole count: "1,234". */
  count(value: number): string;
  /** A number with up to `digits` decimals. */
  number(value: number, digits?: number): string;
  /** A share 0–1 as a percentage with `digits` decimals: "12.5%". */
  percent(share: number, digits?: number): string;
}

const cache = new Map<string, Format>();

export function makeFormat(locale: Locale, noData = 'No data'): Format {
  const cacheKey = `${locale}\u0000${noData}`;
  const cached = cache.get(cacheKey);
  if (cached) return cached;
  const numbers = new Map<number, Intl.NumberFormat>();
  const nf = (digits: number) => {
    let f = numbers.get(digits);
    if (!f) {
      f = new Intl.NumberFormat(locale, { maximumFractionDigits: digits });
      numbers.set(digits, f);
    }
    return f;
  };
  const percents = new Map<number, Intl.NumberFormat>();
  const pf = (digits: number) => {
    let f = percents.get(digits);
    if (!f) {
      f = new Intl.NumberFormat(locale, {
        style: 'percent',
        maximumFractionDigits: digits,
        minimumFractionDigits: 0,
      });
      percents.set(digits, f);
    }
    return f;
  };
  const days = locale === 'fr' ? 'j' : 'd';
  const format: Format = {
    locale,
    value(value, metric) {
      if (value === null || value === undefined || !Number.isFinite(value)) return noData;
      switch (metric) {
        case 'count':
        case 'still_open':
          return nf(0).format(value);
        case 'per_1000':
          return nf(2).format(value);
        case 'median_days':
        case 'p90_days':
          return `${nf(1).format(value)} ${days}`;
        case 'on_time_pct':
          return pf(1).format(value / 100);
        case 'change_pct':
          return `${value > 0 ? '+' : ''}${pf(1).format(value / 100)}`;
        default:
          return nf(1).format(value);
      }
    },
    count: (value) => nf(0).format(value),
    number: (value, digits = 1) => nf(digits).format(value),
    percent: (share, digits = 0) => pf(digits).format(share),
  };
  cache.set(cacheKey, format);
  return format;
}
