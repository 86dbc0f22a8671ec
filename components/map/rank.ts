/**
 * Ranks of the map's areas (pure): highest value first, ties share a rank, areas with no value
 * or flagged "too few" (a rate or median resting on too few requests) get none.
 */
import type { ChoroplethArea } from '@/lib/api/types';

export type RankedArea = ChoroplethArea & { rank: number | null; tooFew: boolean };

/** The API's "too few" flag, whichever name it arrives under. */
export function isTooFew(area: ChoroplethArea): boolean {
  const flags = area as { tooFew?: boolean; too_few?: boolean };
  return flags.tooFew === true || flags.too_few === true;
}

export function rankAreas(areas: readonly ChoroplethArea[]): RankedArea[] {
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
