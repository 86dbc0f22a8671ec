/**
 * Comparing a view with its baseline period (compare=previous|last_year), pure and client-safe:
 * each area's value in both periods, the absolute and the relative difference, and which areas
 * rest on too few requests in either period to be given a relative change. The periods
 * themselves are defined once in lib/view/dates.ts (baselineRange).
 */
import type { ChoroplethArea, CompareArea } from '@/lib/api/types';

/** (now − before) ÷ before × 100, or null when there is no baseline to divide by. */
export function relativeChange(now: number | null, before: number | null): number | null {
  if (now === null || before === null || before === 0) return null;
  return ((now - before) / before) * 100;
}

/**
 * One CompareArea per area of the current period, matched by key (an area with no baseline row
 * has a baseline of 0 requests). `minSample` is lib/api/texts.ts MIN_SAMPLE.
 */
export function compareAreas(
  current: readonly Pick<ChoroplethArea, 'area_key' | 'value' | 'count'>[],
  baseline: readonly Pick<ChoroplethArea, 'area_key' | 'value' | 'count'>[],
  minSample: number,
): Map<string, CompareArea> {
  const before = new Map(baseline.map((area) => [area.area_key, area]));
  const result = new Map<string, CompareArea>();
  for (const area of current) {
    const then = before.get(area.area_key);
    const baselineValue = then?.value ?? null;
    const baselineCount = then?.count ?? 0;
    const tooFew = area.count < minSample || baselineCount < minSample;
    result.set(area.area_key, {
      baseline: baselineValue,
      baselineCount,
      difference: area.value === null || baselineValue === null ? null : area.value - baselineValue,
      relative: tooFew ? null : relativeChange(area.value, baselineValue),
      tooFew,
    });
  }
  return result;
}
