/**
 * "Unusual this month" in the page's language (pure): the sentence of one flag, with the
 * locale's numbers and Intl's month names; the only place a flag becomes words
 * (tests/unit/anomaly.test.ts holds its English, dashboard-i18n.test.ts its French and Spanish).
 */
import type { useTranslations } from 'next-intl';
import type { AnomalyPeriod } from '@/lib/anomaly';
import type { CityKind } from '@/lib/api/texts';
import type { Words } from '@/lib/i18n/words';

export type AnomaliesT = ReturnType<typeof useTranslations<'anomalies'>>;

const monthNames = new Map<string, Intl.DateTimeFormat>();

/** "June" / "juin" / "junio": the month of an ISO date, named by Intl in the locale. */
export function monthName(date: string, locale: string): string {
  let format = monthNames.get(locale);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, { month: 'long', timeZone: 'UTC' });
    monthNames.set(locale, format);
  }
  return format.format(new Date(`${date.slice(0, 10)}T00:00:00Z`));
}

export function anomalySentence(
  flag: {
    value: string;
    areaName: string;
    observed: number;
    expected: number;
    /** The first day of the period tested (a week's Monday). */
    month: string;
    period?: AnomalyPeriod;
    kind?: CityKind;
  },
  words: Words,
  t: AnomaliesT,
): string {
  const ratio = flag.observed / flag.expected;
  const times = ratio >= 10 ? Math.round(ratio) : Math.round(ratio * 10) / 10;
  const args = {
    value: flag.value,
    area: flag.areaName,
    count: words.countOf(flag.observed, flag.kind),
    times: words.format.number(times, 1),
    usual: words.format.count(Math.round(flag.expected)),
  };
  const month = monthName(flag.month, words.locale);
  if (flag.period === 'week') {
    const from = t('weekStart', { day: Number(flag.month.slice(8, 10)), month });
    return t('flagWeek', { ...args, from });
  }
  return t('flagMonth', { ...args, month });
}

const pFormats = new Map<string, Intl.NumberFormat>();

/** A p-value with two significant digits in the locale ("0.0012", "0,0012"). */
export function formatP(p: number, locale: string): string {
  let format = pFormats.get(locale);
  if (!format) {
    format = new Intl.NumberFormat(locale, {
      maximumSignificantDigits: 2,
      minimumSignificantDigits: 2,
      notation: 'standard',
    });
    pFormats.set(locale, format);
  }
  return format.format(p);
}
