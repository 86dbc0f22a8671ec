'use client';
/**
 * The map of a compared view (compare=previous|last_year): the change map, coloured on the
 * diverging, symmetric breaks with too-few areas hatched, and on a desktop the two periods side
 * by side as small maps on the breaks they share, with one legend. It draws the same map
 * component as the plain view, only through its props.
 */
import { useQuery } from '@tanstack/react-query';
import dynamic from 'next/dynamic';
import { useMemo } from 'react';
import { useTranslations } from 'next-intl';
import { nounOf, useWords } from '@/lib/i18n/words';
import { boundaryQuery, choroplethQuery } from '@/lib/api/query-options';
import type { CitySummary } from '@/lib/api/types';
import type { View } from '@/lib/view';
import { isRetryable } from '@/components/ui/retry';
import { CompareLegend } from '@/components/dashboard/legend';
import { changeMapData, periodMapData } from './compare-data';
import { MapSkeleton } from './map-panel';
import type { AreaProperties } from './transforms';

const ChoroplethMap = dynamic(() => import('./choropleth-map'), {
  ssr: false,
  loading: () => <MapSkeleton />,
});

export interface ComparePanelProps {
  view: View;
  city: CitySummary;
  onSelect: (area: AreaProperties) => void;
  basemapUrl?: string;
}

export function ComparePanel({ view, city, onSelect, basemapUrl }: ComparePanelProps) {
  const t = useTranslations('map');
  const words = useWords();
  const level = city.levels.find((l) => l.id === view.level) ?? city.levels[0]!;
  const boundary = useQuery(boundaryQuery(level.boundaryUrl));
  const choropleth = useQuery(choroplethQuery(view));
  const data = choropleth.data;
  const maps = useMemo(
    () =>
      data?.compare
        ? {
            change: changeMapData(data),
            current: periodMapData(data, 'current'),
            baseline: periodMapData(data, 'baseline'),
          }
        : null,
    [data],
  );

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
  const measure = words.metricLabel(view.metric, city.kind, view.duplicates).toLowerCase();
  const baseline = data?.compare
    ? words.compareLabel(data.compare.compare, data.compare.months)
    : '';
  const label = data?.compare
    ? t('changeMapLabel', {
        measure,
        level: level.label.toLowerCase(),
        city: city.name,
        from: data.from,
        to: data.to,
        label: baseline,
      })
    : t('changeMapLabelShort', { measure });
  return (
    <div data-testid="compare-panel">
      <div className="map-stack">
        <ChoroplethMap
          boundary={boundary.data}
          data={maps?.change}
          metric="change_pct"
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
        {data && data.total === 0 && data.compare?.total === 0 ? (
          <div className="map-overlay" role="status" data-testid="empty-state">
            {t('emptyBoth', { noun: nounOf(city.kind, view.duplicates) })}
          </div>
        ) : null}
      </div>
      {data && maps ? (
        <>
          <CompareLegend data={data} />
          <div className="compare-periods" data-testid="compare-periods">
            {(['baseline', 'current'] as const).map((period) => {
              const shown = maps[period];
              const caption =
                period === 'current'
                  ? t('periodRange', { from: shown.from, to: shown.to })
                  : t('baselineRange', { from: shown.from, to: shown.to, label: baseline });
              return (
                <figure key={period} className="compare-period" data-testid={`period-${period}`}>
                  <figcaption className="small">
                    <strong>{t(period === 'current' ? 'thisPeriod' : 'baseline')}</strong>{' '}
                    <span className="muted">{caption}</span>
                  </figcaption>
                  <ChoroplethMap
                    boundary={boundary.data}
                    data={shown}
                    metric={view.metric}
                    selectedKey={view.area}
                    onSelect={onSelect}
                    label={t('periodMapLabel', {
                      measure,
                      level: level.label.toLowerCase(),
                      caption,
                    })}
                    attribution={city.attribution}
                    basemapUrl={basemapUrl}
                  />
                </figure>
              );
            })}
          </div>
        </>
      ) : null}
    </div>
  );
}
