import type { FeatureCollection } from 'geojson';
import { describe, expect, it } from 'vitest';
import { buildAreaIndex } from '@/pipeline/spatial';

/** Two unit squares sharing the edge x = 1, listed in reverse key order on purpose. */
const squares: FeatureCollection = {
  type: 'FeatureCollection',
  features: [
    {
      type: 'Feature',
      properties: { area_key: 'B', area_name: 'East' },
      geometry: {
        type: 'Polygon',
        coordinates: [
          [
            [1, 0],
            [2, 0],
            [2, 1],
            [1, 1],
            [1, 0],
          ],
        ],
      },
    },
    {
      type: 'Feature',
      properties: { area_key: 'A', area_name: 'West' },
      geometry: {
        type: 'Polygon',
        coordinates: [
          [
            [0, 0],
            [1, 0],
            [1, 1],
            [0, 1],
            [0, 0],
          ],
        ],
      },
    },
  ],
};

describe('buildAreaIndex', () => {
  const index = buildAreaIndex('test', squares);

  it('assigns interior points to the polygon that contains them', () => {
    expect(index.assign(0.5, 0.5)).toBe('A');
    expect(index.assign(1.5, 0.5)).toBe('B');
  });

  it('gives a point on a shared edge one area, always the lowest key', () => {
    for (let i = 0; i < 5; i++) expect(index.assign(1, 0.25 * i)).toBe('A');
  });

  it('leaves points outside every polygon unassigned', () => {
    expect(index.assign(5, 5)).toBeUndefined();
    expect(index.assign(-0.0001, 0.5)).toBeUndefined();
  });

  it('handles holes and multipolygons through turf', () => {
    const donut = buildAreaIndex('donut', {
      type: 'FeatureCollection',
      features: [
        {
          type: 'Feature',
          properties: { area_key: '1', area_name: 'Ring' },
          geometry: {
            type: 'MultiPolygon',
            coordinates: [
              [
                [
                  [0, 0],
                  [4, 0],
                  [4, 4],
                  [0, 4],
                  [0, 0],
                ],
                [
                  [1, 1],
                  [3, 1],
                  [3, 3],
                  [1, 3],
                  [1, 1],
                ],
              ],
              [
                [
                  [10, 10],
                  [11, 10],
                  [11, 11],
                  [10, 11],
                  [10, 10],
                ],
              ],
            ],
          },
        },
      ],
    });
    expect(donut.assign(0.5, 0.5)).toBe('1');
    expect(donut.assign(2, 2)).toBeUndefined();
    expect(donut.assign(10.5, 10.5)).toBe('1');
  });
});
