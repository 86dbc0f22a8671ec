/** The legend's words, shared by the screen legend and the PNG export so they never differ. */
import type { ChoroplethResponse } from '@/lib/api/types';
import { formatValue } from './format';
import { isTooFew } from './rank';

/** One label per class: "12 – under 30", the last class closed ("30 – 45"). */
export function classLabels(data: Pick<ChoroplethResponse, 'breaks' | 'metric'>): string[] {
  const labels: string[] = [];
  for (let i = 0; i < data.breaks.length - 1; i++) {
    const lo = data.breaks[i]!;
    const hi = data.breaks[i + 1]!;
    const last = i === data.breaks.length - 2;
    labels.push(
      lo === hi
        ? formatValue(lo, data.metric)
        : `${formatValue(lo, data.metric)} – ${last ? '' : 'under '}${formatValue(hi, data.metric)}`,
    );
  }
  return labels;
}

/** Areas hatched as "too few" (the API counts them in noData as well). */
export function tooFewCount(data: Pick<ChoroplethResponse, 'areas' | 'tooFew'>): number {
  return data.tooFew ?? data.areas.filter(isTooFew).length;
}
