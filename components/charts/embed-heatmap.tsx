'use client';
/** The heatmap alone for iframes: attribution underneath, and its height posted to the parent. */
import { useEffect, useRef, useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { heatmapQuery } from '@/lib/api/query-options';
import { EmbedTitle } from '@/components/ui/embed-title';
import type { View } from '@/lib/view';
import type { HeatmapMode } from '@/lib/heatmap-shape';
import { filterWords, useViewWords } from '@/components/dashboard/view-words';
import { useChartWords } from './use-chart-words';
import type { CitySummary } from '@/lib/api/types';
import { FreshnessLine } from '@/components/status/freshness-line';
import { ChartsQueryBoundary } from './charts-panel';
import { HeatmapWidget, type HeatmapState } from './heatmap-widget';

export const HEIGHT_MESSAGE = 'atlas311:height';

export function EmbedHeatmap(props: {
  view: View;
  city: CitySummary;
  attribution: string;
  mode: HeatmapMode;
  topN: number;
  dashboardHref: string;
}) {
  const ref = useRef<HTMLDivElement>(null);
  const [state, setState] = useState<HeatmapState>({ mode: props.mode, topN: props.topN });
  const level = props.city.levels.find((l) => l.id === props.view.level);
  const { t, nouns } = useChartWords(props.city.kind);
  const heading = t('heatmap.embedHeading', {
    city: props.city.name,
    many: nouns.many,
    level: (level?.label ?? props.view.level).toLowerCase(),
  });
  // The same query as the widget's (one cache entry): its answer gives the range in effect.
  const heatmap = useQuery(heatmapQuery(props.view, state));
  const viewWords = useViewWords();
  const filters = filterWords(
    props.view,
    heatmap.data ? { from: heatmap.data.meta.from, to: heatmap.data.meta.to } : undefined,
    viewWords,
  );
  useEffect(() => {
    const node = ref.current;
    if (!node) return;
    let last = -1;
    const post = () => {
      const height = Math.ceil(node.getBoundingClientRect().height);
      if (height === last) return;
      last = height;
      // The height is not sensitive; any embedding page may size its iframe from it.
      window.parent.postMessage({ type: HEIGHT_MESSAGE, height }, '*');
    };
    post();
    const observer = new ResizeObserver(post);
    observer.observe(node);
    return () => observer.disconnect();
  }, []);
  return (
    <div ref={ref} className="embed-heatmap">
      <EmbedTitle heading={heading} filters={filters} />
      <ChartsQueryBoundary>
        <HeatmapWidget
          view={props.view}
          city={props.city}
          showExtras={false}
          state={state}
          onState={(patch) => setState((before) => ({ ...before, ...patch }))}
        />
      </ChartsQueryBoundary>
      <FreshnessLine city={props.view.city} />
      <p className="embed-attribution">
        <a href={props.dashboardHref} target="_blank" rel="noopener">
          Atlas 311
        </a>{' '}
        · {props.attribution}
      </p>
    </div>
  );
}
