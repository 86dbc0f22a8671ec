'use client';
/** When requests arrive: the weekday × hour heatmap of the view, its peak in words, CSV export. */
import { useQuery } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import type { View } from '@/lib/view';
import { patternsQuery } from '@/lib/api/query-options';
import type { CitySummary, PatternsResponse } from '@/lib/api/types';
import { ChartWidget } from '@/components/charts/widget';
import { useChartWords, type ChartWords } from '@/components/charts/use-chart-words';
import { useExportWords } from '@/components/export/use-export-words';
import { localHourRange, weekdayName } from '@/lib/patterns-shape';
import { patternsCsv } from './patterns-csv';
import { PatternsHeatmap } from './patterns-heatmap';
import './patterns.css';

export type PatternsT = ReturnType<typeof useTranslations<'patterns'>>;

/**
 * The peak and the busiest day and hour in words, in the page's language (the API's `summary`
 * is the English of the same figures).
 */
export function patternsSummary(data: PatternsResponse, cw: ChartWords, t: PatternsT) {
  const { peak, busiestDay, busiestHour } = data;
  if (!peak) return null;
  const locale = cw.words.locale;
  const sentences = [
    t('peak', {
      many: cw.nouns.many,
      day: weekdayName(peak.weekday, locale),
      range: localHourRange(peak.fromHour, peak.toHour, locale),
      hasShare: peak.share === null ? 'no' : 'yes',
      share: peak.share === null ? '' : cw.fmt.fixed(peak.share * 100, 1),
    }),
  ];
  if (busiestDay && busiestHour) {
    sentences.push(
      t('busiest', {
        day: weekdayName(busiestDay.weekday, locale),
        range: localHourRange(busiestHour.hour, busiestHour.hour + 1, locale),
      }),
    );
  }
  return sentences.join(' ');
}

export function PatternsWidget({ view, city }: { view: View; city: CitySummary }) {
  const cw = useChartWords(city.kind);
  const { nouns, noun, words } = cw;
  const t = useTranslations('patterns');
  const te = useExportWords();
  const query = useQuery(patternsQuery(view));
  return (
    <ChartWidget
      id="patterns"
      title={t('title', { many: nouns.many })}
      description={words.t('patternsDefinition', { noun })}
      query={query}
      isEmpty={(data) => data.total === 0}
      empty={cw.t('widget.noneMatch', { many: nouns.many })}
      csv={(data) => patternsCsv(data, te, words.locale)}
      skeletonHeight={300}
    >
      {(data) => {
        if (!data.hasOpenTimes) {
          return (
            <p className="chart-empty" data-testid="patterns-no-times">
              {words.t('openTimesNotPublished', { noun })}
            </p>
          );
        }
        const summary = patternsSummary(data, cw, t);
        return (
          <>
            {summary ? (
              <p className="patterns-summary" data-testid="patterns-summary">
                {summary}
              </p>
            ) : null}
            {data.untimed > 0 ? (
              <p className="chart-note" data-testid="patterns-note">
                {words.t('openTimesPartial', { untimed: data.untimed, noun })}
              </p>
            ) : null}
            <PatternsHeatmap data={data} cw={cw} t={t} />
          </>
        );
      }}
    </ChartWidget>
  );
}
