/**
 * Style and layer definitions for the choropleth: the offline MapLibre style (a background and
 * nothing to fetch: no tiles, glyphs or sprites) and the deck.gl GeoJsonLayers drawn over it.
 */
import { GeoJsonLayer } from '@deck.gl/layers';
import type { StyleSpecification } from 'maplibre-gl';
import { HOTSPOT_COLOR, OUTLINE_COLOR, SELECTED_COLOR } from '@/lib/palette';
import type { AreaFeature, AreaProperties } from './transforms';

export const BACKGROUND_COLOR = '#eef1f4';

/** Plain background: renders with no network at all. */
export const OFFLINE_STYLE: StyleSpecification = {
  version: 8,
  sources: {},
  layers: [
    { id: 'background', type: 'background', paint: { 'background-color': BACKGROUND_COLOR } },
  ],
};

export const FILL_LAYER_ID = 'choropleth-fill';
export const OUTLINE_LAYER_ID = 'choropleth-outline';

export interface LayerInput {
  features: AreaFeature[];
  selectedKey: string | undefined;
  /** Changes whenever the data changes, so deck.gl recomputes colours. */
  version: string;
}

export function choroplethLayers({ features, selectedKey, version }: LayerInput) {
  const emphasised = features.filter(
    (f) => f.properties.hotspot || f.properties.area_key === selectedKey,
  );
  return [
    new GeoJsonLayer<AreaProperties>({
      id: FILL_LAYER_ID,
      data: features,
      pickable: true,
      filled: true,
      stroked: true,
      autoHighlight: true,
      highlightColor: [255, 255, 255, 90],
      getFillColor: (f) => [...f.properties.color, 230],
      getLineColor: [...OUTLINE_COLOR, 220],
      lineWidthUnits: 'pixels',
      getLineWidth: 1,
      updateTriggers: { getFillColor: version },
    }),
    new GeoJsonLayer<AreaProperties>({
      id: OUTLINE_LAYER_ID,
      data: emphasised,
      pickable: false,
      filled: false,
      stroked: true,
      lineWidthUnits: 'pixels',
      getLineColor: (f) =>
        f.properties.area_key === selectedKey ? [...SELECTED_COLOR, 255] : [...HOTSPOT_COLOR, 255],
      getLineWidth: (f) => (f.properties.area_key === selectedKey ? 3 : 2.5),
      updateTriggers: { getLineColor: `${version}:${selectedKey}`, getLineWidth: selectedKey },
    }),
  ];
}
