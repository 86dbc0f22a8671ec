/**
 * Web Mercator through @turf/turf, then a linear fit of the projected bounds into a view box,
 * north up: what the server-drawn SVG maps (the briefing's area map, the choropleth's first
 * draw) share. deck.gl's and MapLibre's fitBounds use the same projection, so an SVG fitted
 * here and a WebGL map fitted to the same bounds and padding draw the areas in the same place.
 */
import { bbox, toMercator } from '@turf/turf';
import type { Feature, FeatureCollection, MultiPolygon, Polygon, Position } from 'geojson';

export type ProjectedPoint = [number, number];

export interface MercatorFit<P> {
  /** The features in Web Mercator metres, in input order. */
  projected: Feature<Polygon | MultiPolygon, P>[];
  /** Metres → view-box units, rounded to `precision` decimals. */
  point: (position: Position) => ProjectedPoint;
}

/**
 * Fits `framed` (default: every feature) into width × height with `pad` (a fraction of the span)
 * on each side, centred on the shorter axis.
 */
export function mercatorFit<P>(
  features: readonly Feature<Polygon | MultiPolygon, P>[],
  width: number,
  height: number,
  options: { pad?: number; precision?: number; framed?: (index: number) => boolean } = {},
): MercatorFit<P> {
  const { pad = 0, precision = 1, framed } = options;
  const projected = features.map((f) => toMercator(f));
  const inFrame = framed ? projected.filter((_, i) => framed(i)) : projected;
  // turf's bbox reads only the geometry; the properties' type does not matter to it.
  const collection = { type: 'FeatureCollection', features: inFrame } as FeatureCollection;
  const [minX, minY, maxX, maxY] = bbox(collection);
  const spanX = (maxX - minX) * (1 + 2 * pad) || 1;
  const spanY = (maxY - minY) * (1 + 2 * pad) || 1;
  const scale = Math.min(width / spanX, height / spanY);
  const offsetX = (width - (maxX - minX) * scale) / 2;
  const offsetY = (height - (maxY - minY) * scale) / 2;
  const factor = 10 ** precision;
  const round = (value: number) => Math.round(value * factor) / factor;
  return {
    projected,
    point: ([x = 0, y = 0]: Position) => [
      round(offsetX + (x - minX) * scale),
      round(height - offsetY - (y - minY) * scale),
    ],
  };
}

/** The width × height of the bounds' own aspect, `width` wide (a view box that wastes nothing). */
export function mercatorAspect<P>(
  features: readonly Feature<Polygon | MultiPolygon, P>[],
  width: number,
): { width: number; height: number } {
  const [minX, minY, maxX, maxY] = bbox({
    type: 'FeatureCollection',
    features: features.map((f) => toMercator(f)),
  } as FeatureCollection);
  const spanX = maxX - minX || 1;
  return { width, height: Math.max(1, Math.round((width * (maxY - minY)) / spanX)) };
}
