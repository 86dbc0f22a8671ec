'use client';
/**
 * Every chart for the current view. Mounted by the dashboard beside the map; the selected area
 * arrives as `view.area`. Brings its own QueryClient when the page has none.
 */
import { useContext, useState, type ReactNode } from 'react';
import { QueryClient, QueryClientContext, QueryClientProvider } from '@tanstack/react-query';
import type { View } from '@/lib/view';
import type { CitySummary } from '@/lib/api/types';
import { AreaProfileWidget } from './area-profile';
import { ChannelShareWidget, TypeBreakdownWidget } from './breakdown-charts';
import { HeatmapWidget } from './heatmap-widget';
import { ResolutionPanel } from './resolution-panel';
import { TrendsWidget } from './trends-chart';

export function ChartsQueryBoundary({ children }: { children: ReactNode }) {
  const existing = useContext(QueryClientContext);
  const [client] = useState(
    () => new QueryClient({ defaultOptions: { queries: { refetchOnWindowFocus: false } } }),
  );
  if (existing) return <>{children}</>;
  return <QueryClientProvider client={client}>{children}</QueryClientProvider>;
}

export function ChartsPanel(props: {
  view: View;
  city: CitySummary;
  areas?: { key: string; label: string }[];
}) {
  const { view, city } = props;
  return (
    <ChartsQueryBoundary>
      <div className="charts-panel" data-city={city.id}>
        {view.area !== undefined ? <AreaProfileWidget view={view} city={city} /> : null}
        <HeatmapWidget view={view} city={city} />
        <TrendsWidget view={view} city={city} />
        <TypeBreakdownWidget view={view} city={city} />
        <ChannelShareWidget view={view} city={city} />
        <ResolutionPanel view={view} city={city} areas={props.areas} />
      </div>
    </ChartsQueryBoundary>
  );
}
