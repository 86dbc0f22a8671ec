import { createTranslator } from 'next-intl';
import { monthName, type HeatmapMode } from '@/lib/heatmap-shape';
import enCharts from '@/messages/en/charts.json';
import { makeChartFormat } from './chart-types';
import type { ChartWords } from './use-chart-words';

/** The English note, for callers outside a page (tests, server). */
const ENGLISH = {
  t: createTranslator({ locale: 'en', messages: { charts: enCharts }, namespace: 'charts' }),
  fmt: makeChartFormat('en', (value) => `${value} d`),
  words: { locale: 'en' },
};

/** Said beside the heatmap when its month columns add up more than one year. */
export function foldNote(
  months: number,
  mode: HeatmapMode,
  cw?: Pick<ChartWords, 't' | 'fmt'> & { words: { locale: string } },
): string | null {
  const { t, fmt, words } = cw ?? ENGLISH;
  if (months <= 12) return null;
  const years = fmt.fixed(months / 12, months % 12 ? 1 : 0);
  return mode === 'season'
    ? t('heatmap.foldSeason', { months: fmt.count(months), years })
    : t('heatmap.foldMonth', {
        months: fmt.count(months),
        years,
        august: monthName(8, words.locale, 'long'),
      });
}
