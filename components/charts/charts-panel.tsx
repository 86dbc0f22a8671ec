'use client';
/**
 * The analyses below the map, as tabs: Seasonal pattern, Time of week, Trends, Types & categories, Time to
 * close, Channels, Area profile. A panel mounts when its tab is first opened and stays mounted
 * (hidden) afterwards; the active tab and every chart toggle live in the URL. Brings its own
 * QueryClient when the page has none.
 */
import { useContext, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import { QueryClient, QueryClientContext, QueryClientProvider } from '@tanstack/react-query';
import type { View } from '@/lib/view';
import { useTranslations } from 'next-intl';
import { TABS, type Tab, type UiState } from '@/components/dashboard/ui-state';
import type { CitySummary } from '@/lib/api/types';
import { useWords } from '@/lib/i18n/words';
import { AreaProfileWidget } from './area-profile';
import { ChannelShareWidget, TypeBreakdownWidget } from './breakdown-charts';
import { HeatmapWidget } from './heatmap-widget';
import { PatternsWidget } from '@/components/patterns/patterns-widget';
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

export interface ChartsPanelProps {
  view: View;
  city: CitySummary;
  areas?: { key: string; label: string }[];
  ui: UiState;
  setUi: (patch: Partial<UiState>) => void;
}

export function ChartsPanel({ view, city, areas, ui, setUi }: ChartsPanelProps) {
  const [visited, setVisited] = useState<Set<Tab>>(() => new Set([ui.tab]));
  const tabRefs = useRef(new Map<Tab, HTMLButtonElement>());
  if (!visited.has(ui.tab)) setVisited(new Set(visited).add(ui.tab));

  const open = (tab: Tab, focus = false) => {
    setUi({ tab });
    if (focus) tabRefs.current.get(tab)?.focus();
  };
  const onKeyDown = (event: KeyboardEvent<HTMLButtonElement>) => {
    const i = TABS.indexOf(ui.tab);
    const next =
      event.key === 'ArrowRight'
        ? TABS[(i + 1) % TABS.length]
        : event.key === 'ArrowLeft'
          ? TABS[(i - 1 + TABS.length) % TABS.length]
          : event.key === 'Home'
            ? TABS[0]
            : event.key === 'End'
              ? TABS[TABS.length - 1]
              : undefined;
    if (next) {
      event.preventDefault();
      open(next, true);
    }
  };

  const t = useTranslations('charts');
  const nouns = useWords().nouns(city.kind);
  const panel = (tab: Tab): ReactNode => {
    switch (tab) {
      case 'seasonal':
        return (
          <HeatmapWidget
            view={view}
            city={city}
            state={{ mode: ui.hm, topN: ui.top, rankType: ui.rank, season: ui.season }}
            onState={(patch) =>
              setUi({
                ...('mode' in patch ? { hm: patch.mode } : {}),
                ...('topN' in patch ? { top: patch.topN } : {}),
                ...('rankType' in patch ? { rank: patch.rankType } : {}),
                ...('season' in patch ? { season: patch.season } : {}),
              })
            }
          />
        );
      case 'patterns':
        return <PatternsWidget view={view} city={city} />;
      case 'trends':
        return (
          <TrendsWidget
            view={view}
            city={city}
            layout={ui.layout}
            onLayout={(layout) => setUi({ layout })}
          />
        );
      case 'types':
        return <TypeBreakdownWidget view={view} city={city} />;
      case 'resolution':
        return (
          <ResolutionPanel
            view={view}
            city={city}
            areas={areas}
            estimateType={ui.est}
            onEstimateType={(est) => setUi({ est })}
          />
        );
      case 'channels':
        return <ChannelShareWidget view={view} city={city} />;
      case 'profile':
        return view.area !== undefined ? (
          <AreaProfileWidget view={view} city={city} />
        ) : (
          <p className="chart-empty" data-testid="profile-hint">
            {t('profileHint', { many: nouns.many })}
          </p>
        );
    }
  };

  return (
    <ChartsQueryBoundary>
      <div className="charts-panel" data-city={city.id}>
        <div className="tabs" role="tablist" aria-label={t('tabs.label')}>
          {TABS.map((tab) => (
            <button
              key={tab}
              ref={(node) => {
                if (node) tabRefs.current.set(tab, node);
                else tabRefs.current.delete(tab);
              }}
              type="button"
              role="tab"
              id={`tab-${tab}`}
              aria-selected={ui.tab === tab}
              aria-controls={`panel-${tab}`}
              tabIndex={ui.tab === tab ? 0 : -1}
              data-tab={tab}
              onClick={() => open(tab)}
              onKeyDown={onKeyDown}
            >
              {t(`tabs.${tab}`)}
            </button>
          ))}
        </div>
        {TABS.filter((tab) => visited.has(tab)).map((tab) => (
          <div
            key={tab}
            role="tabpanel"
            id={`panel-${tab}`}
            aria-labelledby={`tab-${tab}`}
            hidden={ui.tab !== tab}
            className="tab-panel"
            data-panel={tab}
          >
            {panel(tab)}
          </div>
        ))}
      </div>
    </ChartsQueryBoundary>
  );
}
