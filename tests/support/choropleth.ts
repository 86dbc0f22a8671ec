/**
 * A minimal /api/choropleth answer for the map's pure tests: one area per value (its key, the key
 * in capitals as its name, the value as its count), breaks 0, 5, 10 unless `patch` says otherwise.
 */
import type { ChoroplethResponse } from '@/lib/api/types';

export function choroplethResponse(
  values: Record<string, number> | Map<string, number>,
  patch: Partial<ChoroplethResponse> = {},
): ChoroplethResponse {
  const entries = values instanceof Map ? [...values] : Object.entries(values);
  return {
    city: 'x',
    level: 'ward',
    metric: 'count',
    breaks: [0, 5, 10],
    total: 1,
    areas: entries.map(([area_key, value]) => ({
      area_key,
      area_name: area_key.toUpperCase(),
      value,
      count: value,
      population: null,
      hotspot: false,
    })),
    ...patch,
  } as unknown as ChoroplethResponse;
}
