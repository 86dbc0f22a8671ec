/**
 * The choropleth's geometry split once (transforms.ts splitShapes) and the deck.gl layers built
 * from it (layers.ts): every polygon and ring points at the area joinAreas puts at that index,
 * the fill keeps the same data array when only the values change (so deck.gl recolours without
 * tessellating again), and each layer holds the areas it should.
 */
import type { FeatureCollection } from 'geojson';
import { describe, expect, it } from 'vitest';
import {
  choroplethLayers,
  layerAreaKeys,
  pickedArea,
  FILL_LAYER_ID,
  HATCH_LAYER_ID,
  OUTLINE_LAYER_ID,
} from '@/components/map/layers';
import { joinAreas, splitShapes } from '@/components/map/transforms';
import type { ChoroplethResponse } from '@/lib/api/types';
import { choroplethResponse } from '../support/choropleth';

const ring = (x: number, y: number, size: number) => [
  [x, y],
  [x + size, y],
  [x + size, y + size],
  [x, y + size],
  [x, y],
];

const boundary: FeatureCollection = {
  type: 'FeatureCollection',
  features: [
    {
      type: 'Feature',
      properties: { area_key: 'a', area_name: 'A' },
      // A square with a hole.
      geometry: { type: 'Polygon', coordinates: [ring(0, 0, 4), ring(1, 1, 1)] },
    },
    {
      type: 'Feature',
      properties: { area_key: 'skip' },
      geometry: { type: 'Point', coordinates: [9, 9] },
    },
    {
      type: 'Feature',
      properties: { area_key: 'b', area_name: 'B' },
      // Two islands.
      geometry: { type: 'MultiPolygon', coordinates: [[ring(5, 0, 1)], [ring(7, 0, 1)]] },
    },
  ],
};

const response = choroplethResponse;

describe('splitShapes', () => {
  it('gives one polygon per part and one ring per outline, indexed as joinAreas', () => {
    const shapes = splitShapes(boundary);
    const features = joinAreas(boundary, undefined);
    expect(features.map((f) => f.properties.area_key)).toEqual(['a', 'b']);
    expect(shapes.polygons.map((p) => features[p.feature]!.properties.area_key)).toEqual([
      'a',
      'b',
      'b',
    ]);
    // The hole stays with its polygon, and is an outline of its own.
    expect(shapes.polygons[0]!.polygon).toHaveLength(2);
    expect(shapes.rings.map((r) => features[r.feature]!.properties.area_key)).toEqual([
      'a',
      'a',
      'b',
      'b',
    ]);
    expect(pickedArea(features, shapes.polygons[2])?.area_key).toBe('b');
    expect(pickedArea(features, null)).toBeNull();
  });
});

describe('choroplethLayers', () => {
  const shapes = splitShapes(boundary);

  it('keeps the fill data when the values change, and recolours', () => {
    const first = choroplethLayers({
      features: joinAreas(boundary, response({ a: 1, b: 9 })),
      shapes,
      selectedKey: undefined,
    });
    const second = choroplethLayers({
      features: joinAreas(boundary, response({ a: 9, b: 1 })),
      shapes,
      selectedKey: undefined,
    });
    const fill = (layers: typeof first) => layers.find((l) => l.id === FILL_LAYER_ID)!;
    expect(fill(second).props.data).toBe(fill(first).props.data);
    const trigger = (layers: typeof first) =>
      (fill(layers).props.updateTriggers as Record<string, unknown>).getFillColor;
    expect(trigger(second)).not.toEqual(trigger(first));
  });

  it('outlines the selected and hovered areas, and hatches the too-few ones', () => {
    const features = joinAreas(
      boundary,
      response({ a: 1, b: 9 }, { minCount: 5 } as Partial<ChoroplethResponse>),
    );
    features[1]!.properties.tooFew = true;
    const layers = choroplethLayers({ features, shapes, selectedKey: 'a', hoveredKey: undefined });
    const keys = (id: string) => {
      const layer = layers.find((l) => l.id === id);
      return layer ? layerAreaKeys(layer, features) : null;
    };
    expect(keys(FILL_LAYER_ID)).toEqual(['a', 'b']);
    expect(keys(OUTLINE_LAYER_ID)).toEqual(['a']);
    expect(keys(HATCH_LAYER_ID)).toEqual(['b']);
    const none = choroplethLayers({
      features: joinAreas(boundary, response({ a: 1, b: 9 })),
      shapes,
      selectedKey: undefined,
    });
    expect(none.find((l) => l.id === HATCH_LAYER_ID)).toBeUndefined();
    expect(
      layerAreaKeys(
        none.find((l) => l.id === OUTLINE_LAYER_ID)!,
        features,
      ),
    ).toEqual([]);
  });
});
