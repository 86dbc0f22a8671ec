'use client';
/** When requests arrive: the weekday × hour heatmap of the view, its peak in words, CSV export. */
import { useQuery } from '@tanstack/react-query';
import type { View } from '@/lib/view';
import { patternsQuery } from '@/lib/api/query-options';
import { PATTERNS_DEFINITION, nounsFor } from '@/lib/api/texts';
import type { CitySummary } from '@/lib/api/types';
import { ChartWidget } from '@/components/charts/widget';
import { patternsCsv } from './patterns-csv';
import { PatternsHeatmap } from './patterns-heatmap';
import './patterns.css';

export function PatternsWidget({ view, city }: { view: View; city: CitySummary }) {
  const nouns = city.nouns;
  const query = useQuery(patternsQuery(view));
  return (
    <ChartWidget
      id="patterns"
      title={`When ${nouns.many} arrive`}
      description={PATTERNS_DEFINITION.replace('Requests', nounsFor(city.kind).Many)}
      query={query}
      isEmpty={(data) => data.total === 0}
      empty={`No ${nouns.many} match these filters.`}
      csv={(data) => patternsCsv(data)}
      skeletonHeight={300}
    >
      {(data) =>
        !data.hasOpenTimes ? (
          <p className="chart-empty" data-testid="patterns-no-times">
            {data.note}
          </p>
        ) : (
          <>
            {data.summary ? (
              <p className="patterns-summary" data-testid="patterns-summary">
                {data.summary}
              </p>
            ) : null}
            {data.note ? (
              <p className="chart-note" data-testid="patterns-note">
                {data.note}
              </p>
            ) : null}
            <PatternsHeatmap data={data} nouns={nouns} />
          </>
        )
      }
    </ChartWidget>
  );
}
