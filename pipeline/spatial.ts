/**
 * Point-in-polygon assignment of areas, in TypeScript because DuckDB's spatial extension cannot
 * be installed here.
 *
 * The exact join: a flatbush index over the polygons' bounding boxes narrows each point to a few
 * candidates; turf decides containment on the full-resolution geometry. Candidates are tried in
 * area_key order, so a point on an edge shared by two areas always gets the same one.
 *
 * In front of it, a grid over the areas' extent: every cell some boundary segment may touch (its
 * segment's bounding box overlaps the closed cell) is "crossed" and its points take the exact
 * join. In any other cell no boundary of any area passes, so every point of the cell lies inside
 * or outside each area alike: the exact answer at the cell's centre is the answer for all of
 * them (one answer per connected run of such cells). Marking by segment bounding boxes can only
 * mark too many cells, never too few, so the grid always agrees with the exact join:
 * tests/unit/spatial-grid.test.ts checks it point by point on a dense generated set and every
 * boundary vertex, and tests/integration/marts-fingerprint.test.ts on every bundled sample point
 * (its fact_request_area golden was captured with the exact join alone).
 */
import { readFileSync } from 'node:fs';
import Flatbush from 'flatbush';
import { booleanPointInPolygon, bbox as turfBbox } from '@turf/turf';
import type { Feature, FeatureCollection, MultiPolygon, Polygon } from 'geojson';

export interface AreaIndex {
  level: string;
  /** Area keys in index order (area_key order). */
  keys: readonly string[];
  /** The position in `keys` of the area holding the point, or -1 (through the grid). */
  assignIndex(longitude: number, latitude: number): number;
  /** The same answer by the exact join alone, for tests and the bench. */
  assignExact(longitude: number, latitude: number): number;
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
  const assignExact = (longitude: number, latitude: number): number => {
    // search() returns insertion indexes; sorting restores area_key order for ties on edges.
    const candidates = index.search(longitude, latitude, longitude, latitude).sort((a, b) => a - b);
    for (const i of candidates) {
      const feature = features[i];
      if (feature && booleanPointInPolygon([longitude, latitude], feature)) return i;
    }
    return -1;
  };
  const assignIndex = buildGrid(features, assignExact);
  return {
    level,
    keys: features.map((feature) => feature.properties.area_key),
    assignIndex,
    assignExact,
    assign(longitude, latitude) {
      const i = assignIndex(longitude, latitude);
      return i < 0 ? undefined : features[i]?.properties.area_key;
    },
  };
}

/** Cells along the longer side of the areas' extent. */
const GRID_CELLS = 4096;
/** Not yet filled / crossed by a boundary (the exact join answers). */
const UNKNOWN = -2;
const CROSSED = -3;

function buildGrid(
  features: readonly AreaFeature[],
  exact: (longitude: number, latitude: number) => number,
): (longitude: number, latitude: number) => number {
  if (features.length === 0) return exact;
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const feature of features) {
    const [x0, y0, x1, y1] = turfBbox(feature);
    minX = Math.min(minX, x0);
    minY = Math.min(minY, y0);
    maxX = Math.max(maxX, x1);
    maxY = Math.max(maxY, y1);
  }
  const span = Math.max(maxX - minX, maxY - minY) || 1;
  const size = span / GRID_CELLS;
  const nx = Math.max(1, Math.ceil((maxX - minX) / size) + 1);
  const ny = Math.max(1, Math.ceil((maxY - minY) / size) + 1);
  const cells = new Int32Array(nx * ny).fill(UNKNOWN);
  // Every cell a segment's bounding box overlaps, widened by a millionth of a cell so that
  // rounding in the cell arithmetic can never leave a touched cell unmarked.
  const markSegment = (ax: number, ay: number, bx: number, by: number) => {
    const i0 = Math.max(0, Math.floor((Math.min(ax, bx) - minX) / size - 1e-6));
    const i1 = Math.min(nx - 1, Math.floor((Math.max(ax, bx) - minX) / size + 1e-6));
    const j0 = Math.max(0, Math.floor((Math.min(ay, by) - minY) / size - 1e-6));
    const j1 = Math.min(ny - 1, Math.floor((Math.max(ay, by) - minY) / size + 1e-6));
    for (let j = j0; j <= j1; j++) for (let i = i0; i <= i1; i++) cells[j * nx + i] = CROSSED;
  };
  for (const feature of features) {
    const polygons =
      feature.geometry.type === 'Polygon'
        ? [feature.geometry.coordinates]
        : feature.geometry.coordinates;
    for (const rings of polygons)
      for (const ring of rings)
        for (let k = 1; k < ring.length; k++)
          markSegment(ring[k - 1]![0]!, ring[k - 1]![1]!, ring[k]![0]!, ring[k]![1]!);
  }
  // Connected uncrossed cells (4-neighbours) cannot be split by a boundary, which would have
  // crossed the cells between them: one exact answer, at the first cell's centre, fills each.
  const queue = new Int32Array(nx * ny);
  for (let start = 0; start < cells.length; start++) {
    if (cells[start] !== UNKNOWN) continue;
    const si = start % nx;
    const sj = (start - si) / nx;
    const answer = exact(minX + (si + 0.5) * size, minY + (sj + 0.5) * size);
    let head = 0;
    let tail = 0;
    queue[tail++] = start;
    cells[start] = answer;
    const visit = (cell: number) => {
      if (cells[cell] !== UNKNOWN) return;
      cells[cell] = answer;
      queue[tail++] = cell;
    };
    while (head < tail) {
      const cell = queue[head++]!;
      const ci = cell % nx;
      if (ci > 0) visit(cell - 1);
      if (ci < nx - 1) visit(cell + 1);
      if (cell >= nx) visit(cell - nx);
      if (cell + nx < cells.length) visit(cell + nx);
    }
  }
  return (longitude, latitude) => {
    const i = Math.floor((longitude - minX) / size);
    const j = Math.floor((latitude - minY) / size);
    if (!(i >= 0 && i < nx && j >= 0 && j < ny)) {
      // Outside the extent of every area no area holds the point; NaN goes to the exact join.
      return Number.isFinite(i) && Number.isFinite(j) ? -1 : exact(longitude, latitude);
    }
    const known = cells[j * nx + i]!;
    return known === CROSSED ? exact(longitude, latitude) : known;
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
