/**
 * The grid in front of the exact spatial join (pipeline/spatial.ts) gives the exact join's answer
 * for every point: a dense generated set over every configured level's real boundaries, plus
 * every boundary vertex and the midpoints of its segments (points on edges, where ties between
 * neighbouring areas are decided).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { FeatureCollection, Position } from 'geojson';
import { describe, expect, it } from 'vitest';
import { boundaryFile, loadCities } from '@/lib/cities';
import { buildAreaIndex } from '@/pipeline/spatial';

const ROOT = path.resolve(__dirname, '..', '..');
const cities = [...loadCities(path.join(ROOT, 'config', 'cities')).values()];

/** A seeded generator (mulberry32): the same points every run. */
function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = seed;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('grid spatial join', () => {
  for (const city of cities) {
    for (const level of city.levels) {
      it(`agrees with the exact join on ${city.id} ${level.id}`, () => {
        const collection = JSON.parse(
          readFileSync(boundaryFile(ROOT, level), 'utf8'),
        ) as FeatureCollection;
        const index = buildAreaIndex(level.id, collection);
        const [west, south, east, north] = city.bbox;
        const next = random(311);
        const points: [number, number][] = [];
        for (let k = 0; k < 40_000; k++)
          points.push([west + (east - west) * next(), south + (north - south) * next()]);
        for (const feature of collection.features) {
          const geometry = feature.geometry;
          if (geometry.type !== 'Polygon' && geometry.type !== 'MultiPolygon') continue;
          const polygons: Position[][][] =
            geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
          for (const ring of polygons.flat()) {
            for (let k = 0; k < ring.length; k++) {
              const [x, y] = ring[k] as [number, number];
              points.push([x, y]);
              const [px, py] = (ring[k - 1] ?? ring[k]) as [number, number];
              points.push([(x + px) / 2, (y + py) / 2]);
            }
          }
        }
        let placed = 0;
        const differ: [number, number][] = [];
        for (const [x, y] of points) {
          const grid = index.assignIndex(x, y);
          if (grid !== index.assignExact(x, y)) differ.push([x, y]);
          if (grid >= 0) placed++;
        }
        expect(differ).toEqual([]);
        // The set reaches inside the areas, not only around them.
        expect(placed).toBeGreaterThan(points.length / 10);
      });
    }
  }
});
