/**
 * Style and layer definitions for the choropleth: the offline MapLibre style (a background and
 * nothing to fetch: no tiles, glyphs or sprites) and the deck.gl GeoJsonLayers drawn over it:
 * the fill, areas whose value rests on too few requests hatched, and outlines for the hovered,
 * selected and hotspot areas (hover outlines an area; it never tints it into another class),
 * and a badge inside each area flagged "unusual this month".
 */
import { FillStyleExtension, type FillStyleExtensionProps } from '@deck.gl/extensions';
import { GeoJsonLayer, ScatterplotLayer } from '@deck.gl/layers';
import type { Feature, Geometry } from 'geojson';
import type { StyleSpecification } from 'maplibre-gl';
import { HOTSPOT_COLOR, OUTLINE_COLOR, SELECTED_COLOR, UNUSUAL_COLOR } from '@/lib/palette';
import { interiorPoint, type AreaFeature, type AreaProperties } from './transforms';

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
export const HATCH_LAYER_ID = 'choropleth-too-few';
export const OUTLINE_LAYER_ID = 'choropleth-outline';
export const UNUSUAL_LAYER_ID = 'choropleth-unusual';

/** One badge per flagged area, at a point surely inside it. */
export interface UnusualMarker {
  position: [number, number];
  properties: AreaProperties;
}

export function unusualMarkers(features: readonly AreaFeature[]): UnusualMarker[] {
  const markers: UnusualMarker[] = [];
  for (const feature of features) {
    if (!feature.properties.unusual?.length) continue;
    const position = interiorPoint(feature.geometry);
    if (position) markers.push({ position, properties: feature.properties });
  }
  return markers;
}

const HOVER_COLOR: [number, number, number] = [60, 70, 85];
const HATCH_COLOR: [number, number, number, number] = [70, 78, 88, 200];

const hatch = new FillStyleExtension({ pattern: true, proceduralPattern: true });

export interface LayerInput {
  features: AreaFeature[];
  selectedKey: string | undefined;
  hoveredKey?: string | undefined;
  /** Changes whenever the data changes, so deck.gl recomputes colours. */
  version: string;
}

export function choroplethLayers({ features, selectedKey, hoveredKey, version }: LayerInput) {
  const tooFew = features.filter((f) => f.properties.tooFew);
  const markers = unusualMarkers(features);
  const emphasised = features.filter(
    (f) =>
      f.properties.hotspot ||
      f.properties.area_key === selectedKey ||
      f.properties.area_key === hoveredKey,
  );
  const lineColor = (f: Feature<Geometry, AreaProperties>): [number, number, number, number] =>
    f.properties.area_key === selectedKey
      ? [...SELECTED_COLOR, 255]
      : f.properties.area_key === hoveredKey
        ? [...HOVER_COLOR, 255]
        : [...HOTSPOT_COLOR, 255];
  return [
    new GeoJsonLayer<AreaProperties>({
      id: FILL_LAYER_ID,
      data: features,
      pickable: true,
      filled: true,
      stroked: true,
      getFillColor: (f) => [...f.properties.color, 230],
      getLineColor: [...OUTLINE_COLOR, 220],
      lineWidthUnits: 'pixels',
      getLineWidth: 1,
      updateTriggers: { getFillColor: version },
    }),
    ...(tooFew.length
      ? [
          new GeoJsonLayer<AreaProperties, FillStyleExtensionProps>({
            id: HATCH_LAYER_ID,
            data: tooFew,
            pickable: false,
            filled: true,
            stroked: false,
            getFillColor: HATCH_COLOR,
            extensions: [hatch],
            fillPatternMapping: { hatch: { type: 'hatch', angle: 45, strokeWidth: 1.5, gap: 4 } },
            fillPatternSizeUnits: 'pixels',
            getFillPattern: () => 'hatch',
            updateTriggers: { getFillColor: version },
          }),
        ]
      : []),
    new GeoJsonLayer<AreaProperties>({
      id: OUTLINE_LAYER_ID,
      data: emphasised,
      pickable: false,
      filled: false,
      stroked: true,
      lineWidthUnits: 'pixels',
      getLineColor: lineColor,
      getLineWidth: (f) =>
        f.properties.area_key === selectedKey ? 3 : f.properties.area_key === hoveredKey ? 2 : 2.5,
      updateTriggers: {
        getLineColor: `${version}:${selectedKey}:${hoveredKey}`,
        getLineWidth: `${selectedKey}:${hoveredKey}`,
      },
    }),
    ...(markers.length
      ? [
          new ScatterplotLayer<UnusualMarker>({
            id: UNUSUAL_LAYER_ID,
            data: markers,
            pickable: false,
            filled: true,
            stroked: true,
            radiusUnits: 'pixels',
            getRadius: 6,
            lineWidthUnits: 'pixels',
            getLineWidth: 2,
            getPosition: (m) => m.position,
            getFillColor: [...UNUSUAL_COLOR, 255],
            getLineColor: [255, 255, 255, 255],
            updateTriggers: { getPosition: version },
          }),
        ]
      : []),
  ];
}
