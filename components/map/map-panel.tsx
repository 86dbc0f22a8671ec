'use client';

import type { CitySummary, ChoroplethResponse } from '@/lib/api/types';
import type { View } from '@/lib/view';
import MapActions from './map-actions';
import { PlainMap } from './map-frame';
import type { AreaProperties } from './transforms';

export { MapSkeleton } from './map-frame';

export interface MapPanelProps {
  view: View;
  city: CitySummary;
  onSelect: (area: AreaProperties) => void;
  basemapUrl?: string;
  /** The server's drawing of the map, shown until the interactive map has drawn. */
  firstDraw?: React.ReactNode;
  children?: (data: ChoroplethResponse) => React.ReactNode;
}

/**
 * The dashboard's map widget: boundaries and values, with explicit loading, empty and error
 * states, and the PNG and CSV downloads below it.
 */
export function MapPanel({ view, city, onSelect, basemapUrl, firstDraw, children }: MapPanelProps) {
  return (
    <PlainMap
      view={view}
      city={city}
      onSelect={onSelect}
      basemapUrl={basemapUrl}
      firstDraw={firstDraw}
    >
      {(boundary, data) => (
        <>
          {data && children ? children(data) : null}
          {boundary && data && data.total > 0 ? (
            <MapActions boundary={boundary} data={data} view={view} city={city} />
          ) : null}
        </>
      )}
    </PlainMap>
  );
}
