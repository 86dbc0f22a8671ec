/** The headline strip's pure parts: its view, the change figure and each figure's change. */
import type { View } from '@/lib/view';
import type { ChoroplethResponse, ResolutionResponse } from '@/lib/api/types';
import { changePointsText, changeText } from '@/lib/api/texts';
import { relativeChange } from '@/lib/compare';

const oneDecimal = new Intl.NumberFormat('en', {
  maximumFractionDigits: 1,
  minimumFractionDigits: 1,
});

export function formatChange(now: number, before: number): string {
  if (before === 0) return '—';
  const pct = ((now - before) / before) * 100;
  return `${pct > 0 ? '+' : pct < 0 ? '−' : ''}${oneDecimal.format(Math.abs(pct))}%`;
}

/** The city-wide view the strip describes: the map's filters, counted, no area, no styling. */
export function headlineView(view: View): View {
  return {
    ...view,
    metric: 'count',
    classification: 'quantile',
    classes: 5,
    hotspots: undefined,
    area: undefined,
  };
}

export interface FigureChanges {
  requests?: string;
  median?: string;
  onTime?: string;
  open?: string;
}

/**
 * With compare=, every figure's change against the baseline period, in words: counts and
 * medians as a relative change, the on-time share in percentage points.
 */
export function figureChanges(
  counts: ChoroplethResponse | undefined,
  open: ChoroplethResponse | undefined,
  resolution: ResolutionResponse | undefined,
): FigureChanges {
  const changes: FigureChanges = {};
  if (counts?.compare) changes.requests = changeText(counts.compare.relative, counts.compare.label);
  if (open?.compare) changes.open = changeText(open.compare.relative, open.compare.label);
  if (resolution?.available && resolution.compare) {
    const { summary } = resolution;
    const { baseline, label } = resolution.compare;
    changes.median = changeText(relativeChange(summary.p50Days, baseline.summary.p50Days), label);
    if (summary.onTimePct !== null || baseline.summary.onTimePct !== null) {
      changes.onTime = changePointsText(
        summary.onTimePct === null ? null : summary.onTimePct * 100,
        baseline.summary.onTimePct === null ? null : baseline.summary.onTimePct * 100,
        label,
      );
    }
  }
  return changes;
}
