/** The headline strip's pure parts: its view, the change figure and each figure's change. */
import type { useTranslations } from 'next-intl';
import type { View } from '@/lib/view';
import type { ChoroplethResponse, CompareSummary, ResolutionResponse } from '@/lib/api/types';
import { relativeChange } from '@/lib/compare';
import type { Locale } from '@/lib/i18n/locales';
import type { Words } from '@/lib/i18n/words';
import { signedChange } from './numbers';

export type DashboardT = ReturnType<typeof useTranslations<'dashboard'>>;

/** The Change card: "−1.2%", "+14%" (signedChange's rounding); "—" with no earlier data. */
export function formatChange(now: number, before: number, locale: Locale = 'en'): string {
  if (before === 0) return '—';
  return signedChange(((now - before) / before) * 100, locale);
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

/** "previous 12 months" in the page's language (the API's label is English). */
export function baselineLabel(words: Words, compare: Pick<CompareSummary, 'compare' | 'months'>) {
  return words.compareLabel(compare.compare, compare.months);
}

/** "−1.2% vs previous 12 months": the same rounding as the Change card. */
export function changeAgainst(
  words: Words,
  t: DashboardT,
  relative: number | null,
  label: string,
): string {
  if (relative === null || !Number.isFinite(relative)) return words.changeText(null, label);
  return t('headline.changeAgainst', { change: signedChange(relative, words.locale), label });
}

/**
 * With compare=, every figure's change against the baseline period, in words: counts and
 * medians as a relative change, the on-time share in percentage points.
 */
export function figureChanges(
  counts: ChoroplethResponse | undefined,
  open: ChoroplethResponse | undefined,
  resolution: ResolutionResponse | undefined,
  words: Words,
  t: DashboardT,
): FigureChanges {
  const changes: FigureChanges = {};
  if (counts?.compare) {
    const label = baselineLabel(words, counts.compare);
    changes.requests = changeAgainst(words, t, counts.compare.relative, label);
  }
  if (open?.compare) {
    const label = baselineLabel(words, open.compare);
    changes.open = changeAgainst(words, t, open.compare.relative, label);
  }
  if (resolution?.available && resolution.compare) {
    const { summary } = resolution;
    const { baseline } = resolution.compare;
    const label = baselineLabel(words, resolution.compare);
    changes.median = changeAgainst(
      words,
      t,
      relativeChange(summary.p50Days, baseline.summary.p50Days),
      label,
    );
    if (summary.onTimePct !== null || baseline.summary.onTimePct !== null) {
      changes.onTime = words.changePointsText(
        summary.onTimePct === null ? null : summary.onTimePct * 100,
        baseline.summary.onTimePct === null ? null : baseline.summary.onTimePct * 100,
        label,
      );
    }
  }
  return changes;
}
