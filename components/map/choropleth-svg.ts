/**
 * The choropleth's first draw, as a static SVG the server puts in the page's HTML: every area of
 * the level in the colour the WebGL map gives it (joinAreas, the same classes and palette), the
 * too-few areas hatched, the hotspots and the selected area outlined as the map outlines them.
 * The browser paints it before any script has loaded; the interactive map (deck.gl) replaces it
 * once it has drawn (map-frame.tsx). Web Mercator fitted to the areas' bounds
 * (lib/geo/mercator-fit.ts), as deck.gl's fitBounds is; pure, so a test can read it.
 */
import type { FeatureCollection, MultiPolygon, Polygon, Position } from 'geojson';
import type { ChoroplethResponse } from '@/lib/api/types';
import { mercatorAspect, mercatorFit, type ProjectedPoint } from '@/lib/geo/mercator-fit';
import { toCss } from '@/lib/palette';
import { joinAreas } from './transforms';

/** View-box width: one unit is about a CSS pixel of the dashboard's map at 1440 px. */
const WIDTH = 1000;

export interface ChoroplethSvgShape {
  key: string;
  /** Every ring of the area (outer rings and holes; drawn with fill-rule evenodd). */
  d: string;
  fill: string;
  tooFew: boolean;
  outline: 'selected' | 'hotspot' | null;
}

export interface ChoroplethSvg {
  width: number;
  height: number;
  shapes: ChoroplethSvgShape[];
}

/** One ring in relative moves, consecutive points that round together dropped; '' if < 3 left. */
function ringPath(ring: readonly Position[], point: (p: Position) => ProjectedPoint): string {
  const points: ProjectedPoint[] = [];
  for (const position of ring) {
    const next = point(position);
    const last = points.at(-1);
    if (!last || last[0] !== next[0] || last[1] !== next[1]) points.push(next);
  }
  if (points.length > 1) {
    const [first, end] = [points[0]!, points.at(-1)!];
    if (first[0] === end[0] && first[1] === end[1]) points.pop();
  }
  if (points.length < 3) return '';
  const [x0, y0] = points[0]!;
  const moves: string[] = [];
  for (let i = 1; i < points.length; i++) {
    const [x, y] = points[i]!;
    const [px, py] = points[i - 1]!;
    moves.push(`${x - px},${y - py}`);
  }
  return `M${x0},${y0}l${moves.join(' ')}z`;
}

function polygonsOf(geometry: Polygon | MultiPolygon): Position[][][] {
  return geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
}

/** null when the boundary has no polygon to draw. */
export function choroplethSvg(
  boundary: FeatureCollection,
  data: ChoroplethResponse,
  selectedKey?: string,
): ChoroplethSvg | null {
  const features = joinAreas(boundary, data);
  if (features.length === 0) return null;
  const { width, height } = mercatorAspect(features, WIDTH);
  // Integer units: shared vertices of neighbouring areas round alike, so no gaps between them.
  const { projected, point } = mercatorFit(features, width, height, { precision: 0 });
  const shapes = projected.map((feature, i): ChoroplethSvgShape => {
    const properties = features[i]!.properties;
    return {
      key: properties.area_key,
      d: polygonsOf(feature.geometry)
        .flatMap((rings) => rings.map((ring) => ringPath(ring, point)))
        .join(''),
      fill: toCss(properties.color),
      tooFew: properties.tooFew,
      outline:
        properties.area_key === selectedKey ? 'selected' : properties.hotspot ? 'hotspot' : null,
    };
  });
  return { width, height, shapes: shapes.filter((shape) => shape.d !== '') };
}
