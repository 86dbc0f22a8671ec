/**
 * Ranks of the map's areas: the API's own rank (highest value first, ties share a rank, no rank
 * for an area with no value or too few requests), worked out here only for an answer without
 * ranks (pure).
 */
import type { ChoroplethArea } from '@/lib/api/types';

export type RankedArea = ChoroplethArea & { rank: number | null; tooFew: boolean };

export function isTooFew(area: Pick<ChoroplethArea, 'tooFew'>): boolean {
  return area.tooFew === true;
}

export function rankAreas(areas: readonly ChoroplethArea[]): RankedArea[] {
  if (areas.every((a) => a.rank !== undefined)) {
    return areas.map((area) => ({ ...area, tooFew: isTooFew(area) }));
  }
  const ranked = areas
    .filter((a) => a.value !== null && !isTooFew(a))
    .sort((a, b) => b.value! - a.value!);
  const ranks = new Map<string, number>();
  ranked.forEach((area, i) => {
    const previous = ranked[i - 1];
    ranks.set(
      area.area_key,
      previous && previous.value === area.value ? ranks.get(previous.area_key)! : i + 1,
    );
  });
  return areas.map((area) => ({
    ...area,
    rank: ranks.get(area.area_key) ?? null,
    tooFew: isTooFew(area),
  }));
}
