'use client';

import { useQuery } from '@tanstack/react-query';
import dynamic from 'next/dynamic';
import { useEffect } from 'react';
import { useTranslations } from 'next-intl';
import { nounOf, useWords } from '@/lib/i18n/words';
import { boundaryQuery, choroplethQuery } from '@/lib/api/query-options';
import type { CitySummary, ChoroplethResponse } from '@/lib/api/types';
import type { View } from '@/lib/view';
import type { AreaProperties } from './transforms';
import { PngExportButton } from './png-export';
import { downloadBlob } from '@/components/export/png';
import { isRetryable } from '@/components/ui/retry';
import { choroplethCsv } from '@/components/export/tables';
import { markMapDrawn } from './map-drawn';

const ChoroplethMap = dynamic(() => import('./choropleth-map'), {
  ssr: false,
  loading: () => <MapSkeleton />,
});

export function MapSkeleton() {
  const t = useTranslations('map');
  return (
    <div
      className="map-frame skeleton"
      aria-busy="true"
      aria-label={t('loadingMap')}
      data-testid="map-skeleton"
    />
  );
}

export interface MapPanelProps {
  view: View;
  city: CitySummary;
  onSelect: (area: AreaProperties) => void;
  basemapUrl?: string;
  children?: (data: ChoroplethResponse) => React.ReactNode;
}

/** The map widget: boundaries and values, with explicit loading, empty and error states. */
export function MapPanel({ view, city, onSelect, basemapUrl, children }: MapPanelProps) {
  const t = useTranslations('map');
  const words = useWords();
  const level = city.levels.find((l) => l.id === view.level) ?? city.levels[0]!;
  const boundary = useQuery(boundaryQuery(level.boundaryUrl));
  const choropleth = useQuery(choroplethQuery(view));
  const data = choropleth.data;
  // A map that cannot draw must not hold back what waits for it (the charts).
  const cannotDraw = boundary.isError || choropleth.isError;
  useEffect(() => {
    if (cannotDraw) markMapDrawn();
  }, [cannotDraw]);

  if (boundary.isPending) return <MapSkeleton />;
  if (boundary.isError) {
    return (
      <div className="map-frame state" role="alert" data-testid="map-error">
        <p>{t('boundariesFailed', { level: level.label.toLowerCase() })}</p>
        <button type="button" onClick={() => void boundary.refetch()}>
          {t('retry')}
        </button>
      </div>
    );
  }

  const label = t('mapLabel', {
    measure: words.metricLabel(view.metric, city.kind, view.duplicates).toLowerCase(),
    level: level.label.toLowerCase(),
    city: city.name,
  });
  return (
    <>
      <div className="map-stack">
        <ChoroplethMap
          boundary={boundary.data}
          data={data}
          metric={view.metric}
          selectedKey={view.area}
          onSelect={onSelect}
          label={label}
          attribution={city.attribution}
          basemapUrl={basemapUrl}
        />
        {choropleth.isPending ? (
          <div className="map-overlay" aria-live="polite" data-testid="map-loading">
            {t('loadingValues')}
          </div>
        ) : null}
        {choropleth.isError ? (
          <div className="map-overlay error" role="alert" data-testid="map-error">
            <p>{choropleth.error.message}</p>
            {isRetryable(choropleth.error) ? (
              <button type="button" onClick={() => void choropleth.refetch()}>
                {t('retry')}
              </button>
            ) : null}
          </div>
        ) : null}
        {data && data.total === 0 ? (
          <div className="map-overlay" role="status" data-testid="empty-state">
            {t('empty', { noun: nounOf(city.kind, view.duplicates) })}
          </div>
        ) : null}
      </div>
      {data && children ? children(data) : null}
      {data && data.total > 0 ? (
        <div className="map-actions">
          <PngExportButton boundary={boundary.data} data={data} view={view} city={city} />
          <button
            type="button"
            data-testid="export-map-csv"
            onClick={() => {
              const { fileName, text } = choroplethCsv(data, city, {
                type: view.type?.join(','),
                category: view.category?.join(','),
                channel: view.channel?.join(','),
                division: view.division?.join(','),
                status: view.status,
              });
              downloadBlob(new Blob([text], { type: 'text/csv;charset=utf-8' }), fileName);
            }}
          >
            {t('downloadCsv')}
          </button>
        </div>
      ) : null}
    </>
  );
}
