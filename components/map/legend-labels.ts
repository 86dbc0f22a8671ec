/** The legend's words, shared by the screen legend and the PNG export so they never differ. */
import { useMemo } from 'react';
import { useTranslations } from 'next-intl';
import type { ChoroplethResponse } from '@/lib/api/types';
import type { Format } from '@/lib/i18n/format';
import { useWords } from '@/lib/i18n/words';
import type { Metric } from '@/lib/view';
import { formatValue } from './format';
import { isTooFew } from './rank';

/** How a class label is written: its numbers, and "lo – under hi" in the page's language. */
export interface ClassWords {
  value: (value: number, metric: Metric) => string;
  range: (lo: string, hi: string, last: boolean) => string;
}

/** English, as the labels always read (tests, server-side callers). */
export const ENGLISH_CLASS_WORDS: ClassWords = {
  value: formatValue,
  range: (lo, hi, last) => `${lo} – ${last ? '' : 'under '}${hi}`,
};

export type MapT = ReturnType<typeof useTranslations<'map'>>;

/** The class words of one language, from the map catalogue and that language's numbers. */
export function makeClassWords(t: MapT, format: Format): ClassWords {
  return {
    value: (value, metric) => format.value(value, metric),
    range: (lo, hi, last) => t('classRange', { lo, hi, last: last ? 'yes' : 'no' }),
  };
}

/** The class words in the page's language (client components). */
export function useClassWords(): ClassWords {
  const t = useTranslations('map');
  const { format } = useWords();
  return useMemo(() => makeClassWords(t, format), [t, format]);
}

/** One label per class: "12 – under 30", the last class closed ("30 – 45"). */
export function classLabels(
  data: Pick<ChoroplethResponse, 'breaks' | 'metric'>,
  words: ClassWords = ENGLISH_CLASS_WORDS,
): string[] {
  const labels: string[] = [];
  for (let i = 0; i < data.breaks.length - 1; i++) {
    const lo = data.breaks[i]!;
    const hi = data.breaks[i + 1]!;
    const last = i === data.breaks.length - 2;
    labels.push(
      lo === hi
        ? words.value(lo, data.metric)
        : words.range(words.value(lo, data.metric), words.value(hi, data.metric), last),
    );
  }
  return labels;
}

/** Areas hatched as "too few" (the API counts them in noData as well). */
export function tooFewCount(data: Pick<ChoroplethResponse, 'areas' | 'tooFew'>): number {
  return data.tooFew ?? data.areas.filter(isTooFew).length;
}
