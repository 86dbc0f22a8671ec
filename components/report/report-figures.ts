/**
 * The briefing's numbers in the page's language (pure, so a unit test reads them): counts with
 * the locale's grouping, shares and changes with one decimal ("12.5%", "12,5 %"), days like the
 * dashboard ("3.4 d", "3,4 j"), changes signed with a true minus. English reads as before.
 */
import type { useTranslations } from 'next-intl';
import type { ProfileFigure } from '@/lib/api/types';
import type { Locale } from '@/lib/i18n/locales';

export type ReportTranslator = ReturnType<typeof useTranslations<'report'>>;

export interface ReportFormat {
  locale: Locale;
  count(value: number | null | undefined): string;
  /** A share 0–1 as a percentage with one decimal. */
  pct(value: number | null | undefined): string;
  days(value: number | null | undefined): string;
  /** A number with exactly `digits` decimals. */
  fixed(value: number, digits: number): string;
  figure(key: ProfileFigure['key'], value: number | null): string;
  /** No change from zero: "0%". */
  zeroChange: string;
}

const DASH = '—';

export function reportFormat(locale: Locale, daysWord: (value: string) => string): ReportFormat {
  const whole = new Intl.NumberFormat(locale, { maximumFractionDigits: 0 });
  const fixedFormats = new Map<number, Intl.NumberFormat>();
  const fixed = (value: number, digits: number) => {
    let f = fixedFormats.get(digits);
    if (!f) {
      f = new Intl.NumberFormat(locale, {
        minimumFractionDigits: digits,
        maximumFractionDigits: digits,
      });
      fixedFormats.set(digits, f);
    }
    return f.format(value);
  };
  const percent = new Intl.NumberFormat(locale, {
    style: 'percent',
    minimumFractionDigits: 1,
    maximumFractionDigits: 1,
  });
  const format: ReportFormat = {
    locale,
    zeroChange: new Intl.NumberFormat(locale, { style: 'percent' }).format(0),
    count: (value) => (value === null || value === undefined ? DASH : whole.format(value)),
    pct: (value) => (value === null || value === undefined ? DASH : percent.format(value)),
    days: (value) =>
      value === null || value === undefined
        ? DASH
        : daysWord(value < 10 ? fixed(value, 1) : whole.format(Math.round(value))),
    fixed,
    figure(key, value) {
      if (key === 'on_time_pct') return format.pct(value);
      if (key === 'median_days' || key === 'p90_days') return format.days(value);
      if (key === 'per_1000') return value === null ? DASH : fixed(value, 1);
      return format.count(value);
    },
  };
  return format;
}

const signOf = (value: number) => (value >= 0 ? '+' : '−');

/** Change against the previous period: percentage points for a share, else relative. */
export function changeText(
  key: ProfileFigure['key'],
  now: number | null,
  then: number | null,
  format: ReportFormat,
  t: ReportTranslator,
): string {
  if (now === null || then === null) return DASH;
  if (key === 'on_time_pct') {
    const points = (now - then) * 100;
    return t('points', { value: `${signOf(points)}${format.fixed(Math.abs(points), 1)}` });
  }
  if (then === 0) return now === 0 ? format.zeroChange : t('new');
  return relative((now - then) / then, format);
}

/** A relative change (0.1 → "+10.0%"), or a dash for none. */
export function relative(change: number | null, format: ReportFormat): string {
  if (change === null) return DASH;
  return `${signOf(change)}${format.pct(Math.abs(change))}`;
}
