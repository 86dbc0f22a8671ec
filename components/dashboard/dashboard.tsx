'use client';

import { useQuery } from '@tanstack/react-query';
import { useCallback, type ReactNode } from 'react';
import { useTranslations } from 'next-intl';
import { choroplethQuery, citiesQuery } from '@/lib/api/query-options';
import type { CitiesResponse } from '@/lib/api/types';
import { viewToSearch, type View } from '@/lib/view';
import { useWords } from '@/lib/i18n/words';
import { MapPanel } from '@/components/map/map-panel';
import { ComparePanel } from '@/components/map/compare-panel';
import { useDocumentTitle } from '@/components/ui/document-title';
import { LanguageSwitcher } from '@/components/ui/language-switcher';
import { FreshnessLine } from '@/components/status/freshness-line';
import { UnusualPanel } from '@/components/anomalies/unusual-panel';
import type { AreaProperties } from '@/components/map/transforms';
import { AreaTable } from './area-table';
import { ChartsSlot } from './charts-slot';
import { EmbedButton } from './embed-button';
import { FilterBar } from './filter-bar';
import { HeadlineStrip } from './headline-strip';
import { Legend } from './legend';
import { useViewState } from './use-view';

export interface DashboardProps {
  initialView: View;
  initialCities: CitiesResponse;
  basemapUrl?: string;
  /** The server's drawing of initialView's map (components/map/first-draw.tsx). */
  firstDraw?: ReactNode;
}

export function Dashboard({ initialView, initialCities, basemapUrl, firstDraw }: DashboardProps) {
  const t = useTranslations('dashboard');
  const words = useWords();
  const { view, ui, update, setUi } = useViewState(initialView);
  const cities = useQuery(citiesQuery(initialCities)).data ?? initialCities;
  const city = cities.cities.find((c) => c.id === view.city) ?? cities.cities[0]!;
  const level = city.levels.find((l) => l.id === view.level) ?? city.levels[0]!;
  const choropleth = useQuery(choroplethQuery(view));

  const select = useCallback((areaKey: string) => update({ area: areaKey }), [update]);
  const selectFeature = useCallback((area: AreaProperties) => select(area.area_key), [select]);
  const selected = choropleth.data?.areas.find((a) => a.area_key === view.area);
  // The server drew the view it was asked for, and only that one.
  const initialDraw = viewToSearch(view) === viewToSearch(initialView) ? firstDraw : undefined;
  const measure = words.metricLabel(view.metric, city.kind, view.duplicates);
  // "Toronto · Requests per 1,000 residents by ward · Atlas 311"
  const title = t('documentTitle', {
    city: city.name,
    measure,
    level: level.label.toLowerCase(),
  });
  useDocumentTitle(title);

  return (
    <div className="dashboard">
      <title>{title}</title>
      <a className="skip-link" href="#area-table">
        {t('skipLink')}
      </a>
      <header className="site-header">
        <h1>
          Atlas 311 <span className="muted">· {city.name}</span>
        </h1>
        <p className="muted small">
          {city.loaded
            ? t('dataRange', {
                from: city.firstMonth?.slice(0, 7) ?? '',
                to: city.lastMonth?.slice(0, 7) ?? '',
              })
            : t('noDataLoaded')}
        </p>
        <FreshnessLine city={city.id} />
        <LanguageSwitcher />
        <EmbedButton
          view={view}
          ui={ui}
          title={t('embedFrameTitle', { city: city.name, level: level.label })}
          heatmapTitle={t('embedHeatmapTitle', { city: city.name, level: level.label })}
        />
      </header>

      <FilterBar view={view} cities={cities.cities} city={city} update={update} />

      <main className="layout">
        <HeadlineStrip view={view} city={city} />
        {view.duplicates === 'merged' && choropleth.data ? (
          <p className="merged-note small" data-testid="merged-sentence" aria-live="polite">
            {words.mergedSentence(choropleth.data.duplicates, city.kind)}
          </p>
        ) : null}
        <section className="panel map-panel" aria-label={t('mapRegion')}>
          {view.compare ? (
            <ComparePanel
              view={view}
              city={city}
              onSelect={selectFeature}
              basemapUrl={basemapUrl}
            />
          ) : (
            <MapPanel
              view={view}
              city={city}
              onSelect={selectFeature}
              basemapUrl={basemapUrl}
              firstDraw={initialDraw}
            >
              {(data) => <Legend data={data} />}
            </MapPanel>
          )}
          {selected ? (
            <p className="selection" aria-live="polite" data-testid="selected-area">
              {t('selected')} <strong>{selected.area_name}</strong>{' '}
              <button
                type="button"
                className="link-button"
                onClick={() => setUi({ tab: 'profile' })}
              >
                {t('profile')}
              </button>
              <button
                type="button"
                className="link-button"
                onClick={() => update({ area: undefined })}
              >
                {t('clear')}
              </button>
            </p>
          ) : null}
        </section>

        <section className="panel table-panel" aria-label={t('tableRegion')}>
          <h2>
            {level.label} <span className="muted small">· {measure}</span>
          </h2>
          {choropleth.data ? (
            <AreaTable
              data={choropleth.data}
              levelLabel={level.label}
              selectedKey={view.area}
              onSelect={select}
            />
          ) : choropleth.isError ? (
            <p role="alert" id="area-table" tabIndex={-1}>
              {choropleth.error.message}
            </p>
          ) : (
            <div
              className="skeleton table-skeleton"
              id="area-table"
              aria-busy="true"
              aria-label={t('loadingTable')}
            />
          )}
        </section>

        <UnusualPanel view={view} city={city} />
        <ChartsSlot view={view} city={city} data={choropleth.data} ui={ui} setUi={setUi} />
      </main>
    </div>
  );
}
