/**
 * The briefing's map, as a static SVG: the chosen area highlighted, the areas it touches shaded
 * and named, the rest of the level faint, framed on the area and its neighbours (Web Mercator
 * fitted into the view box, lib/geo/mercator-fit.ts); pure, so a test can read it.
 */
import { booleanIntersects, pointOnFeature, toMercator } from '@turf/turf';
import type { Feature, FeatureCollection, MultiPolygon, Polygon, Position } from 'geojson';
import { mercatorFit } from '@/lib/geo/mercator-fit';

export type AreaRole = 'area' | 'neighbour' | 'other';

export interface MapShape {
  key: string;
  name: string;
  role: AreaRole;
  d: string;
  /** Where a label goes (inside the shape), in view-box units. */
  label: [number, number];
}

export interface AreaMapSvg {
  width: number;
  height: number;
  shapes: MapShape[];
}

type AreaFeature = Feature<Polygon | MultiPolygon, { area_key?: unknown; area_name?: unknown }>;

const asText = (value: unknown): string =>
  typeof value === 'string' ? value : typeof value === 'number' ? String(value) : '';
const keyOf = (feature: AreaFeature) => asText(feature.properties?.area_key);

function polygons(feature: AreaFeature): Position[][][] {
  return feature.geometry.type === 'Polygon'
    ? [feature.geometry.coordinates]
    : feature.geometry.coordinates;
}

/** null when the boundary file has no feature for the area. */
export function areaMapSvg(
  collection: FeatureCollection,
  areaKey: string,
  width = 360,
  height = 260,
): AreaMapSvg | null {
  const features = collection.features.filter(
    (f): f is AreaFeature =>
      f.geometry !== null && (f.geometry.type === 'Polygon' || f.geometry.type === 'MultiPolygon'),
  );
  const area = features.find((f) => keyOf(f) === areaKey);
  if (!area) return null;
  const neighbours = new Set(
    features.filter((f) => f !== area && booleanIntersects(f, area)).map((f) => keyOf(f)),
  );
  const { projected, point } = mercatorFit(features, width, height, {
    pad: 0.06,
    framed: (i) => keyOf(features[i]!) === areaKey || neighbours.has(keyOf(features[i]!)),
  });
  const shapes = projected.map((feature, i): MapShape => {
    const key = keyOf(feature);
    const d = polygons(feature)
      .flatMap((rings) =>
        rings.map(
          (ring) =>
            `M${ring
              .map(point)
              .map(([x, y]) => `${x},${y}`)
              .join('L')}Z`,
        ),
      )
      .join('');
    const inside = pointOnFeature(features[i]!);
    return {
      key,
      name: asText(feature.properties?.area_name) || key,
      role: key === areaKey ? 'area' : neighbours.has(key) ? 'neighbour' : 'other',
      d,
      label: point(toMercator(inside).geometry.coordinates),
    };
  });
  // the chosen area last, so its outline is drawn over its neighbours'
  shapes.sort((a, b) => (a.role === 'area' ? 1 : 0) - (b.role === 'area' ? 1 : 0));
  return { width, height, shapes };
}
