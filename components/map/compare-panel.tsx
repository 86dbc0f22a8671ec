'use client';
/**
 * The map of a compared view (compare=previous|last_year): the change map, coloured on the
 * diverging, symmetric breaks with too-few areas hatched, and on a desktop the two periods side
 * by side as small maps on the breaks they share, with one legend. It draws the same map
 * component as the plain view, only through its props.
 */
import { useMemo } from 'react';
import type { CitySummary } from '@/lib/api/types';
import type { View } from '@/lib/view';
import { CompareLegend } from '@/components/dashboard/legend';
import { changeMapData, periodMapData } from './compare-data';
import { useTranslations } from 'next-intl';
import { nounOf, useWords } from '@/lib/i18n/words';
import { ChoroplethMap, MapFrame, useMapQueries } from './map-frame';
import type { AreaProperties } from './transforms';

export interface ComparePanelProps {
  view: View;
  city: CitySummary;
  onSelect: (area: AreaProperties) => void;
  basemapUrl?: string;
}

export function ComparePanel({ view, city, onSelect, basemapUrl }: ComparePanelProps) {
  const t = useTranslations('map');
  const words = useWords();
  const queries = useMapQueries(view, city);
  const { level } = queries;
  const data = queries.choropleth.data;
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
      <MapFrame
        queries={queries}
        map={{
          data: maps?.change,
          metric: 'change_pct',
          selectedKey: view.area,
          onSelect,
          label,
          attribution: city.attribution,
          basemapUrl,
        }}
        empty={
          data && data.total === 0 && data.compare?.total === 0
            ? t('emptyBoth', { noun: nounOf(city.kind, view.duplicates) })
            : null
        }
      >
        {(boundary) =>
          boundary && data && maps ? (
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
                    <figure
                      key={period}
                      className="compare-period"
                      data-testid={`period-${period}`}
                    >
                      <figcaption className="small">
                        <strong>{t(period === 'current' ? 'thisPeriod' : 'baseline')}</strong>{' '}
                        <span className="muted">{caption}</span>
                      </figcaption>
                      <ChoroplethMap
                        boundary={boundary}
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
          ) : null
        }
      </MapFrame>
    </div>
  );
}
