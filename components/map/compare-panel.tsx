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
import { metricLabel, nounFor } from './format';
import { ChoroplethMap, MapFrame, useMapQueries } from './map-frame';
import type { AreaProperties } from './transforms';

export interface ComparePanelProps {
  view: View;
  city: CitySummary;
  onSelect: (area: AreaProperties) => void;
  basemapUrl?: string;
}

export function ComparePanel({ view, city, onSelect, basemapUrl }: ComparePanelProps) {
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

  const measure = metricLabel(view.metric, city.kind, view.duplicates).toLowerCase();
  const label = data?.compare
    ? `Map of the change in ${measure} by ${level.label.toLowerCase()} in ${city.name}, ${data.from} to ${data.to} against the ${data.compare.label}. The table of areas holds the same values.`
    : `Map of the change in ${measure}.`;
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
          data && data.total === 0 && data.compare?.total === 0 ? (
            <>No {nounFor(city.kind)} match these filters in either period.</>
          ) : null
        }
      >
        {(boundary) =>
          data && maps ? (
            <>
              <CompareLegend data={data} />
              <div className="compare-periods" data-testid="compare-periods">
                {(['baseline', 'current'] as const).map((period) => {
                  const shown = maps[period];
                  const caption =
                    period === 'current'
                      ? `${shown.from} to ${shown.to}`
                      : `${shown.from} to ${shown.to} (${data.compare!.label})`;
                  return (
                    <figure
                      key={period}
                      className="compare-period"
                      data-testid={`period-${period}`}
                    >
                      <figcaption className="small">
                        <strong>{period === 'current' ? 'This period' : 'Baseline'}</strong>{' '}
                        <span className="muted">{caption}</span>
                      </figcaption>
                      <ChoroplethMap
                        boundary={boundary}
                        data={shown}
                        metric={view.metric}
                        selectedKey={view.area}
                        onSelect={onSelect}
                        label={`Map of ${measure} by ${level.label.toLowerCase()}, ${caption}.`}
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
