'use client';
/**
 * What every map on the dashboard shares, whatever it draws (the plain view's values, a
 * comparison's change, the embed's): the boundary and value queries, the skeleton until the
 * boundaries arrive, their error with Retry, and over the drawn map the loading, error and empty
 * overlays. The map itself (deck.gl) is a separate chunk; the server's HTML preloads it and the
 * boundaries, so the browser fetches both while the page's own scripts load. Until it has drawn,
 * the server's own drawing of the view (first-draw.tsx, when the page has one) covers the frame:
 * the page shows its map with the HTML, before any script.
 */
import { useQuery, type UseQueryResult } from '@tanstack/react-query';
import type { FeatureCollection } from 'geojson';
import dynamic from 'next/dynamic';
import { useEffect, type ReactNode } from 'react';
import { preload } from 'react-dom';
import { boundaryQuery, choroplethQuery } from '@/lib/api/query-options';
import type { ChoroplethResponse, CitySummary, LevelSummary } from '@/lib/api/types';
import type { View } from '@/lib/view';
import { useTranslations } from 'next-intl';
import { nounOf, useWords } from '@/lib/i18n/words';
import { isRetryable } from '@/components/ui/retry';
import type { ChoroplethMapProps } from './choropleth-map';
import type { AreaProperties } from './transforms';
import { markMapDrawn, useMapPainted } from './map-drawn';

export const ChoroplethMap = dynamic(() => import('./choropleth-map'), {
  ssr: false,
  loading: () => <MapSkeleton />,
});

/**
 * Draws nothing: rendered while the boundaries load, it makes the server's HTML preload the
 * map's chunks (next/dynamic does so for a component it renders on the server, from the same
 * import as ChoroplethMap's), and the browser start them then, not after the boundaries arrive.
 */
const MapChunks = dynamic(() => import('./choropleth-map').then(() => () => null), {
  loading: () => null,
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

export interface MapQueries {
  level: LevelSummary;
  boundary: UseQueryResult<FeatureCollection>;
  choropleth: UseQueryResult<ChoroplethResponse>;
}

/** The view's level, its boundaries and its values (one fetch each, shared by every map). */
export function useMapQueries(view: View, city: CitySummary): MapQueries {
  const level = city.levels.find((l) => l.id === view.level) ?? city.levels[0]!;
  // In the server's HTML: the browser fetches the boundaries while the scripts load.
  preload(level.boundaryUrl, { as: 'fetch', crossOrigin: 'anonymous' });
  const boundary = useQuery(boundaryQuery(level.boundaryUrl));
  const choropleth = useQuery(choroplethQuery(view));
  return { level, boundary, choropleth };
}

export interface MapFrameProps {
  queries: MapQueries;
  /** The drawn map's props, less the boundary (the frame has it). */
  map: Omit<ChoroplethMapProps, 'boundary'>;
  /** The overlay when nothing matches (null: the values are not empty). */
  empty: ReactNode;
  /**
   * What follows the map (legend, small maps, exports): with the boundary once it is in,
   * undefined while it loads.
   */
  children?: (boundary: FeatureCollection | undefined) => ReactNode;
  /** The server's drawing of this view's map, shown over the frame until the map has drawn. */
  firstDraw?: ReactNode;
}

export function MapFrame({ queries, map, empty, children, firstDraw }: MapFrameProps) {
  const t = useTranslations('map');
  const { level, boundary, choropleth } = queries;
  const painted = useMapPainted();
  const first =
    firstDraw && !painted ? (
      <div className="map-first-draw" data-testid="first-draw">
        {firstDraw}
      </div>
    ) : null;
  // A map that cannot draw must not hold back what waits for it (the charts).
  const cannotDraw = boundary.isError || choropleth.isError;
  useEffect(() => {
    if (cannotDraw) markMapDrawn();
  }, [cannotDraw]);

  if (boundary.isPending) {
    return (
      <>
        <div className="map-stack">
          <MapSkeleton />
          {first}
        </div>
        <MapChunks />
        {children ? children(undefined) : null}
      </>
    );
  }
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
  return (
    <>
      <div className="map-stack">
        <ChoroplethMap boundary={boundary.data} {...map} />
        {first}
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
        {empty ? (
          <div className="map-overlay" role="status" data-testid="empty-state">
            {empty}
          </div>
        ) : null}
      </div>
      {children ? children(boundary.data) : null}
    </>
  );
}

export interface PlainMapProps {
  view: View;
  city: CitySummary;
  onSelect: (area: AreaProperties) => void;
  basemapUrl?: string | undefined;
  firstDraw?: ReactNode;
  /** What follows the map, with the boundaries and the values once each is in. */
  children?: (
    boundary: FeatureCollection | undefined,
    data: ChoroplethResponse | undefined,
  ) => ReactNode;
}

/** The view's values on its level: the dashboard's map (map-panel.tsx) and the embed's. */
export function PlainMap({ view, city, onSelect, basemapUrl, firstDraw, children }: PlainMapProps) {
  const t = useTranslations('map');
  const words = useWords();
  const queries = useMapQueries(view, city);
  const { level } = queries;
  const data = queries.choropleth.data;
  const label = t('mapLabel', {
    measure: words.metricLabel(view.metric, city.kind, view.duplicates).toLowerCase(),
    level: level.label.toLowerCase(),
    city: city.name,
  });
  return (
    <MapFrame
      queries={queries}
      firstDraw={firstDraw}
      map={{
        data,
        metric: view.metric,
        selectedKey: view.area,
        onSelect,
        label,
        attribution: city.attribution,
        basemapUrl,
      }}
      empty={
        data && data.total === 0 ? t('empty', { noun: nounOf(city.kind, view.duplicates) }) : null
      }
    >
      {children ? (boundary) => children(boundary, data) : undefined}
    </MapFrame>
  );
}
