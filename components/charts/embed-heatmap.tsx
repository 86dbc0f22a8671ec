'use client';
/** The heatmap alone for iframes: attribution underneath, and its height posted to the parent. */
import { useEffect, useRef } from 'react';
import type { View } from '@/lib/view';
import type { HeatmapMode } from '@/lib/heatmap-shape';
import type { CitySummary } from '@/lib/api/types';
import { FreshnessLine } from '@/components/status/freshness-line';
import { ChartsQueryBoundary } from './charts-panel';
import { HeatmapWidget } from './heatmap-widget';

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
      <ChartsQueryBoundary>
        <HeatmapWidget
          view={props.view}
          city={props.city}
          showExtras={false}
          initialMode={props.mode}
          initialTopN={props.topN}
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
