/**
 * Pure data transforms for the choropleth: join boundary features with the API's values, pick
 * each feature's colour, find bounds and a point inside a polygon (for fitting and for tests).
 */
import type {
  Feature,
  FeatureCollection,
  Geometry,
  MultiPolygon,
  Polygon,
  Position,
} from 'geojson';
import { classOf } from '@/lib/classify';
import type { Metric } from '@/lib/view';
import { classColors, NO_DATA_COLOR, type Rgb } from '@/lib/palette';
import type { ChoroplethArea, ChoroplethResponse } from '@/lib/api/types';
import { isTooFew } from './rank';

export interface AreaProperties {
  area_key: string;
  area_name: string;
  value: number | null;
  count: number | null;
  population: number | null;
  classIndex: number | null;
  hotspot: boolean;
  /** The value rests on fewer requests than the stated minimum: hatched, not ranked. */
  tooFew: boolean;
  color: Rgb;
  /** Types or categories flagged "unusual this month" in the area (a marker on the map). */
  unusual?: string[];
}

export type AreaFeature = Feature<Polygon | MultiPolygon, AreaProperties>;

export const DIVERGING_METRICS: readonly Metric[] = ['change_pct'];

export function paletteFor(data: Pick<ChoroplethResponse, 'breaks' | 'metric'>): Rgb[] {
  return classColors(data.breaks, DIVERGING_METRICS.includes(data.metric));
}

/** The boundary's polygon features, in file order (what joinAreas and splitShapes both read). */
function polygonFeatures(boundary: FeatureCollection): Feature<Polygon | MultiPolygon>[] {
  return boundary.features.filter((feature): feature is Feature<Polygon | MultiPolygon> => {
    const geometry = feature.geometry as Geometry | null;
    return geometry?.type === 'Polygon' || geometry?.type === 'MultiPolygon';
  });
}

/** Every boundary feature, with its value (null when the API has no row for it). */
export function joinAreas(
  boundary: FeatureCollection,
  data: ChoroplethResponse | undefined,
): AreaFeature[] {
  const byKey = new Map<string, ChoroplethArea>((data?.areas ?? []).map((a) => [a.area_key, a]));
  const colors = data ? paletteFor(data) : [];
  return polygonFeatures(boundary).map((feature) => {
    const props = (feature.properties ?? {}) as Record<string, unknown>;
    const key = text(props.area_key) ?? '';
    const area = byKey.get(key);
    const value = area?.value ?? null;
    const classIndex = data ? classOf(value, data.breaks) : null;
    return {
      type: 'Feature',
      geometry: feature.geometry,
      properties: {
        area_key: key,
        area_name: area?.area_name ?? text(props.area_name) ?? key,
        value,
        count: area?.count ?? null,
        population: area?.population ?? null,
        classIndex,
        hotspot: area?.hotspot ?? false,
        tooFew: area ? isTooFew(area) : false,
        color: classIndex === null ? NO_DATA_COLOR : (colors[classIndex] ?? NO_DATA_COLOR),
        ...(area?.unusual?.length ? { unusual: area.unusual } : {}),
      },
    };
  });
}

/** One polygon of an area (a MultiPolygon has several): outer ring, then holes. */
export interface AreaPolygon {
  polygon: Position[][];
  /** Index of its area in joinAreas' list for the same boundary. */
  feature: number;
}

/** One ring of an area, outer or hole, as a line. */
export interface AreaRing {
  path: Position[];
  feature: number;
}

export interface AreaShapes {
  polygons: AreaPolygon[];
  rings: AreaRing[];
}

/**
 * The boundary's geometry split once into what deck.gl draws: polygons for the fill and rings
 * for the outlines, each pointing at its area by index. Values change the colours, not these,
 * so a new metric or filter redraws without tessellating the polygons again.
 */
export function splitShapes(boundary: FeatureCollection): AreaShapes {
  const polygons: AreaPolygon[] = [];
  const rings: AreaRing[] = [];
  polygonFeatures(boundary).forEach((feature, index) => {
    for (const polygon of partsOf(feature.geometry)) {
      polygons.push({ polygon, feature: index });
      for (const ring of polygon) rings.push({ path: ring, feature: index });
    }
  });
  return { polygons, rings };
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' || typeof value === 'number' ? String(value) : undefined;
}

function partsOf(geometry: Polygon | MultiPolygon): Position[][][] {
  return geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
}

export type Bounds = [[number, number], [number, number]];

export function boundsOf(features: readonly { geometry: Polygon | MultiPolygon }[]): Bounds | null {
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const feature of features) {
    for (const polygon of partsOf(feature.geometry)) {
      for (const [x, y] of polygon[0] ?? []) {
        if (x === undefined || y === undefined) continue;
        minX = Math.min(minX, x);
        minY = Math.min(minY, y);
        maxX = Math.max(maxX, x);
        maxY = Math.max(maxY, y);
      }
    }
  }
  return Number.isFinite(minX)
    ? [
        [minX, minY],
        [maxX, maxY],
      ]
    : null;
}

function inRing(point: Position, ring: Position[]): boolean {
  const [x, y] = point as [number, number];
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i] as [number, number];
    const [xj, yj] = ring[j] as [number, number];
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

export function contains(geometry: Polygon | MultiPolygon, point: Position): boolean {
  return partsOf(geometry).some(
    ([outer, ...holes]) => !!outer && inRing(point, outer) && !holes.some((h) => inRing(point, h)),
  );
}

/**
 * A point inside the polygon's largest part, as close to its vertex centroid as a grid search
 * finds: hovering it is sure to hit the area, unlike the centroid of a concave shape.
 */
export function interiorPoint(geometry: Polygon | MultiPolygon): [number, number] | null {
  let best: Position[] | undefined;
  let bestSpan = -1;
  for (const polygon of partsOf(geometry)) {
    const outer = polygon[0];
    if (!outer) continue;
    const xs = outer.map((p) => p[0]!);
    const ys = outer.map((p) => p[1]!);
    const span = (Math.max(...xs) - Math.min(...xs)) * (Math.max(...ys) - Math.min(...ys));
    if (span > bestSpan) {
      bestSpan = span;
      best = outer;
    }
  }
  if (!best) return null;
  const cx = best.reduce((s, p) => s + p[0]!, 0) / best.length;
  const cy = best.reduce((s, p) => s + p[1]!, 0) / best.length;
  if (contains(geometry, [cx, cy])) return [cx, cy];
  const xs = best.map((p) => p[0]!);
  const ys = best.map((p) => p[1]!);
  const [x0, x1, y0, y1] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
  let found: [number, number] | null = null;
  let foundDistance = Infinity;
  const steps = 24;
  for (let i = 1; i < steps; i++) {
    for (let j = 1; j < steps; j++) {
      const p: [number, number] = [x0 + ((x1 - x0) * i) / steps, y0 + ((y1 - y0) * j) / steps];
      const d = (p[0] - cx) ** 2 + (p[1] - cy) ** 2;
      if (d < foundDistance && contains(geometry, p)) {
        found = p;
        foundDistance = d;
      }
    }
  }
  return found;
}
