/**
 * The deck.gl layers of the choropleth, from the boundary split once (transforms.ts splitShapes)
 * and the areas' values: the fill (SolidPolygonLayer) with thin outlines (PathLayer), areas whose
 * value rests on too few requests hatched, outlines for the hovered, selected and hotspot areas
 * (hover outlines an area; it never tints it into another class), and a badge inside each area
 * flagged "unusual this month". No GeoJsonLayer: it would bring deck.gl's icon and text layers
 * (and their font atlas) for points this map never draws.
 */
import type { Layer } from '@deck.gl/core';
import { FillStyleExtension, type FillStyleExtensionProps } from '@deck.gl/extensions';
import { PathLayer, ScatterplotLayer, SolidPolygonLayer } from '@deck.gl/layers';
import { HOTSPOT_COLOR, OUTLINE_COLOR, SELECTED_COLOR, UNUSUAL_COLOR } from '@/lib/palette';
import {
  interiorPoint,
  type AreaFeature,
  type AreaPolygon,
  type AreaProperties,
  type AreaRing,
  type AreaShapes,
} from './transforms';

export const FILL_LAYER_ID = 'choropleth-fill';
export const BORDER_LAYER_ID = 'choropleth-border';
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

/** GeoJSON positions are number[]; deck.gl's accessors want pairs. */
type LonLat = [number, number];

const HOVER_COLOR: [number, number, number] = [60, 70, 85];
const HATCH_COLOR: [number, number, number, number] = [70, 78, 88, 200];

const hatch = new FillStyleExtension({ pattern: true, proceduralPattern: true });

export interface LayerInput {
  /** The areas with their values, in the order splitShapes indexes them. */
  features: AreaFeature[];
  shapes: AreaShapes;
  selectedKey: string | undefined;
  hoveredKey?: string | undefined;
}

/** What picking a fill polygon gives back: its area. */
export function pickedArea(
  features: readonly AreaFeature[],
  object: AreaPolygon | null | undefined,
): AreaProperties | null {
  return object ? (features[object.feature]?.properties ?? null) : null;
}

/** Changes whenever any area's colour does, so deck.gl recomputes the fill colours. */
function colorKey(features: readonly AreaFeature[]): string {
  return features.map((f) => f.properties.color.join(',')).join(';');
}

export function choroplethLayers({ features, shapes, selectedKey, hoveredKey }: LayerInput) {
  const area = (index: number) => features[index]?.properties;
  const tooFew = shapes.polygons.filter((p) => area(p.feature)?.tooFew);
  const markers = unusualMarkers(features);
  const emphasised = shapes.rings.filter((r) => {
    const properties = area(r.feature);
    return (
      !!properties &&
      (properties.hotspot ||
        properties.area_key === selectedKey ||
        properties.area_key === hoveredKey)
    );
  });
  const colors = colorKey(features);
  const lineColor = (r: AreaRing): [number, number, number, number] => {
    const key = area(r.feature)?.area_key;
    return key === selectedKey
      ? [...SELECTED_COLOR, 255]
      : key === hoveredKey
        ? [...HOVER_COLOR, 255]
        : [...HOTSPOT_COLOR, 255];
  };
  const layers: Layer[] = [
    new SolidPolygonLayer<AreaPolygon>({
      id: FILL_LAYER_ID,
      // The same array for the same boundary: a new value only recolours.
      data: shapes.polygons,
      pickable: true,
      getPolygon: (p) => p.polygon as LonLat[][],
      getFillColor: (p) => [...(area(p.feature)?.color ?? [0, 0, 0]), 230],
      updateTriggers: { getFillColor: colors },
    }),
    new PathLayer<AreaRing>({
      id: BORDER_LAYER_ID,
      data: shapes.rings,
      pickable: false,
      getPath: (r) => r.path as LonLat[],
      getColor: [...OUTLINE_COLOR, 220],
      widthUnits: 'pixels',
      getWidth: 1,
    }),
  ];
  if (tooFew.length) {
    layers.push(
      new SolidPolygonLayer<AreaPolygon, FillStyleExtensionProps<AreaPolygon>>({
        id: HATCH_LAYER_ID,
        data: tooFew,
        pickable: false,
        getPolygon: (p) => p.polygon as LonLat[][],
        getFillColor: HATCH_COLOR,
        extensions: [hatch],
        fillPatternMapping: { hatch: { type: 'hatch', angle: 45, strokeWidth: 1.5, gap: 4 } },
        fillPatternSizeUnits: 'pixels',
        getFillPattern: () => 'hatch',
      }),
    );
  }
  layers.push(
    new PathLayer<AreaRing>({
      id: OUTLINE_LAYER_ID,
      data: emphasised,
      pickable: false,
      getPath: (r) => r.path as LonLat[],
      widthUnits: 'pixels',
      getColor: lineColor,
      getWidth: (r) => {
        const key = area(r.feature)?.area_key;
        return key === selectedKey ? 3 : key === hoveredKey ? 2 : 2.5;
      },
      updateTriggers: {
        getColor: `${colors}:${selectedKey}:${hoveredKey}`,
        getWidth: `${selectedKey}:${hoveredKey}`,
      },
    }),
  );
  if (markers.length) {
    layers.push(
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
      }),
    );
  }
  return layers;
}

/** The area keys a layer draws, each once (for window.__atlasMap.layerSummary in tests). */
export function layerAreaKeys(layer: Layer, features: readonly AreaFeature[]): string[] {
  const keys = new Set<string>();
  for (const item of layer.props.data as Iterable<
    Partial<AreaPolygon & AreaRing> & { properties?: AreaProperties }
  >) {
    const key =
      item.properties?.area_key ??
      (item.feature === undefined ? undefined : features[item.feature]?.properties.area_key);
    if (key !== undefined) keys.add(key);
  }
  return [...keys];
}
