'use client';

import { useQuery } from '@tanstack/react-query';
import { useCallback } from 'react';
import { choroplethQuery, citiesQuery } from '@/lib/api/query-options';
import type { CitiesResponse } from '@/lib/api/types';
import type { View } from '@/lib/view';
import { metricLabel } from '@/components/map/format';
import { MapPanel } from '@/components/map/map-panel';
import { ComparePanel } from '@/components/map/compare-panel';
import { useDocumentTitle } from '@/components/ui/document-title';
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
}

/** "Toronto · Requests per 1,000 residents by ward · Atlas 311" */
export function documentTitle(cityName: string, measure: string, level: string): string {
  return `${cityName} · ${measure} by ${level.toLowerCase()} · Atlas 311`;
}

export function Dashboard({ initialView, initialCities, basemapUrl }: DashboardProps) {
  const { view, ui, update, setUi } = useViewState(initialView);
  const cities = useQuery(citiesQuery(initialCities)).data ?? initialCities;
  const city = cities.cities.find((c) => c.id === view.city) ?? cities.cities[0]!;
  const level = city.levels.find((l) => l.id === view.level) ?? city.levels[0]!;
  const choropleth = useQuery(choroplethQuery(view));

  const select = useCallback((areaKey: string) => update({ area: areaKey }), [update]);
  const selectFeature = useCallback((area: AreaProperties) => select(area.area_key), [select]);
  const selected = choropleth.data?.areas.find((a) => a.area_key === view.area);
  const measure = metricLabel(view.metric, city.kind, view.duplicates);
  const title = documentTitle(city.name, measure, level.label);
  useDocumentTitle(title);

  return (
    <div className="dashboard">
      <title>{title}</title>
      <a className="skip-link" href="#area-table">
        Skip to the table of areas
      </a>
      <header className="site-header">
        <h1>
          Atlas 311 <span className="muted">· {city.name}</span>
        </h1>
        <p className="muted small">
          {city.loaded
            ? `Data from ${city.firstMonth?.slice(0, 7)} to ${city.lastMonth?.slice(0, 7)}.`
            : 'No data loaded for this city yet.'}
        </p>
        <FreshnessLine city={city.id} />
        <EmbedButton view={view} ui={ui} title={`Atlas 311: ${city.name} by ${level.label}`} />
      </header>

      <FilterBar view={view} cities={cities.cities} city={city} update={update} />

      <main className="layout">
        <HeadlineStrip view={view} city={city} />
        {view.duplicates === 'merged' && choropleth.data ? (
          <p className="merged-note small" data-testid="merged-sentence" aria-live="polite">
            {choropleth.data.duplicates.sentence}
          </p>
        ) : null}
        <section className="panel map-panel" aria-label="Map">
          {view.compare ? (
            <ComparePanel
              view={view}
              city={city}
              onSelect={selectFeature}
              basemapUrl={basemapUrl}
            />
          ) : (
            <MapPanel view={view} city={city} onSelect={selectFeature} basemapUrl={basemapUrl}>
              {(data) => <Legend data={data} />}
            </MapPanel>
          )}
          {selected ? (
            <p className="selection" aria-live="polite" data-testid="selected-area">
              Selected: <strong>{selected.area_name}</strong>{' '}
              <button
                type="button"
                className="link-button"
                onClick={() => setUi({ tab: 'profile' })}
              >
                Profile
              </button>
              <button
                type="button"
                className="link-button"
                onClick={() => update({ area: undefined })}
              >
                Clear
              </button>
            </p>
          ) : null}
        </section>

        <section className="panel table-panel" aria-label="Areas table">
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
              aria-label="Loading table"
            />
          )}
        </section>

        <UnusualPanel view={view} city={city} />
        <ChartsSlot view={view} city={city} data={choropleth.data} ui={ui} setUi={setUi} />
      </main>
    </div>
  );
}
