/**
 * Point-in-polygon assignment of areas, in TypeScript because DuckDB's spatial extension cannot
 * be installed here. A flatbush index over the polygons' bounding boxes narrows each point to a
 * few candidates; turf decides containment on the full-resolution geometry. Candidates are tried
 * in area_key order, so a point on an edge shared by two areas always gets the same one.
 */
import { readFileSync } from 'node:fs';
import Flatbush from 'flatbush';
import { booleanPointInPolygon, bbox as turfBbox } from '@turf/turf';
import type { Feature, FeatureCollection, MultiPolygon, Polygon } from 'geojson';

export interface AreaIndex {
  level: string;
  /** Area keys in index order (area_key order). */
  keys: readonly string[];
  /** The position in `keys` of the area holding the point, or -1. */
  assignIndex(longitude: number, latitude: number): number;
  assign(longitude: number, latitude: number): string | undefined;
}

type AreaFeature = Feature<Polygon | MultiPolygon, { area_key: string; area_name: string }>;

export function buildAreaIndex(level: string, collection: FeatureCollection): AreaIndex {
  const features = (collection.features as AreaFeature[])
    .filter(
      (f) => f.geometry && (f.geometry.type === 'Polygon' || f.geometry.type === 'MultiPolygon'),
    )
    .sort((a, b) => compareKeys(a.properties.area_key, b.properties.area_key));
  const index = new Flatbush(Math.max(features.length, 1));
  for (const feature of features) {
    const [minX, minY, maxX, maxY] = turfBbox(feature);
    index.add(minX, minY, maxX, maxY);
  }
  if (features.length === 0) index.add(0, 0, 0, 0);
  index.finish();
  const assignIndex = (longitude: number, latitude: number): number => {
    // search() returns insertion indexes; sorting restores area_key order for ties on edges.
    const candidates = index.search(longitude, latitude, longitude, latitude).sort((a, b) => a - b);
    for (const i of candidates) {
      const feature = features[i];
      if (feature && booleanPointInPolygon([longitude, latitude], feature)) return i;
    }
    return -1;
  };
  return {
    level,
    keys: features.map((feature) => feature.properties.area_key),
    assignIndex,
    assign(longitude, latitude) {
      const i = assignIndex(longitude, latitude);
      return i < 0 ? undefined : features[i]?.properties.area_key;
    },
  };
}

function compareKeys(a: string, b: string): number {
  const na = Number(a);
  const nb = Number(b);
  if (Number.isFinite(na) && Number.isFinite(nb)) return na - nb;
  return a < b ? -1 : a > b ? 1 : 0;
}

export function loadAreaIndex(level: string, path: string): AreaIndex {
  return buildAreaIndex(level, JSON.parse(readFileSync(path, 'utf8')) as FeatureCollection);
}
