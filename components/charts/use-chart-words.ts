'use client';
/**
 * What every chart needs in the page's language: the shared vocabulary (useWords), the chart
 * catalogue (messages/<locale>/charts.json), the chart formatters and the city's noun forms.
 */
import { useMemo } from 'react';
import { useTranslations } from 'next-intl';
import type { CityKind } from '@/lib/api/texts';
import { nounOf, useWords } from '@/lib/i18n/words';
import { makeChartFormat } from './chart-types';

export function useChartFormat() {
  const words = useWords();
  return useMemo(
    () => makeChartFormat(words.locale, (value) => words.t('daysShort', { value })),
    [words],
  );
}

export function useChartWords(kind: CityKind | undefined, duplicates?: 'kept' | 'merged') {
  const words = useWords();
  const t = useTranslations('charts');
  const fmt = useChartFormat();
  return useMemo(() => {
    const noun = nounOf(kind, duplicates);
    return { words, t, fmt, noun, nouns: words.nouns(kind, duplicates) };
  }, [words, t, fmt, kind, duplicates]);
}

export type ChartWords = ReturnType<typeof useChartWords>;

const monthFormats = new Map<string, Intl.DateTimeFormat>();

/**
 * A month ("2024-03-01") as an axis tick: ISO year-month in English (as before), the locale's
 * short month and year elsewhere ("mars 2024", "mar 2024").
 */
export function monthLabel(month: string, locale: string): string {
  if (locale === 'en' || !/^\d{4}-\d{2}/.test(month)) return month.slice(0, 7);
  let f = monthFormats.get(locale);
  if (!f) {
    f = new Intl.DateTimeFormat(locale, { month: 'short', year: 'numeric', timeZone: 'UTC' });
    monthFormats.set(locale, f);
  }
  return f.format(new Date(`${month.slice(0, 7)}-01T00:00:00Z`));
}

const dayFormats = new Map<string, Intl.DateTimeFormat>();

/** A day ("2024-01-01") in a sentence: ISO in English (as before), "1 janvier 2024" elsewhere. */
export function dayLabel(day: string, locale: string): string {
  if (locale === 'en' || !/^\d{4}-\d{2}-\d{2}$/.test(day)) return day;
  let f = dayFormats.get(locale);
  if (!f) {
    f = new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: 'UTC' });
    dayFormats.set(locale, f);
  }
  return f.format(new Date(`${day}T00:00:00Z`));
}
