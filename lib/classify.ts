/**
 * Class breaks for a choropleth: quantile, equal interval or natural breaks (Jenks, computed with
 * simple-statistics' ckmeans, the optimal 1-D k-means). Pure functions, shared by the API (which
 * returns breaks and class counts) and the browser (which colours features by class).
 *
 * `breaks` are k + 1 ascending edges [min, …, max]; class i holds values in
 * [breaks[i], breaks[i + 1]), the last class also holds the maximum. Ties can collapse edges, so
 * there may be fewer classes than asked for (natural breaks may end with a class [max, max]); null values (no data) belong to no class.
 */
import { ckmeans, quantileSorted } from 'simple-statistics';
import type { Classification } from './view/schema';

export interface Classes {
  breaks: number[];
  classCounts: number[];
  noData: number;
}

export function classify(
  values: readonly (number | null)[],
  method: Classification,
  requested: number,
): Classes {
  const present = values.filter((v): v is number => v !== null && Number.isFinite(v));
  const noData = values.length - present.length;
  if (!present.length) return { breaks: [], classCounts: [], noData };
  const sorted = [...present].sort((a, b) => a - b);
  const breaks = computeBreaks(sorted, method, Math.max(1, Math.floor(requested)));
  return { breaks, classCounts: countClasses(sorted, breaks), noData };
}

export function computeBreaks(
  sorted: readonly number[],
  method: Classification,
  k: number,
): number[] {
  const min = sorted[0]!;
  const max = sorted[sorted.length - 1]!;
  if (min === max) return [min, max];
  let edges: number[];
  switch (method) {
    case 'quantile':
      edges = Array.from({ length: k + 1 }, (_, i) =>
        i === 0 ? min : i === k ? max : quantileSorted(sorted, i / k),
      );
      break;
    case 'equal':
      edges = Array.from({ length: k + 1 }, (_, i) =>
        i === k ? max : min + ((max - min) * i) / k,
      );
      break;
    case 'jenks': {
      const distinct = new Set(sorted).size;
      const clusters = ckmeans(sorted, Math.min(k, distinct));
      // Cluster starts are strictly increasing; a last cluster holding only the maximum gives a
      // final class [max, max], which classOf still fills, so it is not collapsed.
      return [...clusters.map((cluster) => cluster[0]!), max];
    }
    default: {
      const unknown: never = method;
      throw new Error(`unknown classification ${String(unknown)}`);
    }
  }
  return dedupe(edges);
}

function dedupe(edges: number[]): number[] {
  const out: number[] = [];
  for (const edge of edges) {
    if (!out.length || edge > out[out.length - 1]!) out.push(edge);
  }
  return out.length === 1 ? [out[0]!, out[0]!] : out;
}

/** The class index of `value`, or null for no data (or no breaks). */
export function classOf(value: number | null, breaks: readonly number[]): number | null {
  if (value === null || !Number.isFinite(value) || breaks.length < 2) return null;
  const last = breaks.length - 2;
  for (let i = 0; i < last; i++) {
    if (value < breaks[i + 1]!) return i;
  }
  return last;
}

export function countClasses(values: readonly number[], breaks: readonly number[]): number[] {
  const counts = new Array<number>(Math.max(0, breaks.length - 1)).fill(0);
  for (const value of values) {
    const index = classOf(value, breaks);
    if (index !== null) counts[index] = counts[index]! + 1;
  }
  return counts;
}
