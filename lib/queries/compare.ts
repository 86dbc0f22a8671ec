/**
 * compare= on the query layer: the baseline view of a view (the same filters over the baseline
 * period of lib/view/dates.ts baselineRange, never itself compared) and the summary every route
 * attaches. Each route answers its baseline by running its own query on that view, so the
 * baseline figure is, by construction, the plain figure of the baseline range.
 */
import 'server-only';
import { baselineRange, rangeEndsPartial, type DateRange, type View } from '@/lib/view';
import { compareLabel } from '@/lib/api/texts';
import type { ChartCompare, CompareSummary } from '@/lib/api/types';
import { relativeChange } from '@/lib/compare';

/** The view of the baseline period: same filters and area, no comparison, no hotspots. */
export function baselineView(view: View, range: DateRange): { view: View; range: DateRange } {
  if (!view.compare) throw new Error('baselineView needs a compared view');
  const baseline = baselineRange(range, view.compare);
  return {
    view: {
      ...view,
      from: baseline.from,
      to: baseline.to,
      compare: undefined,
      hotspots: undefined,
    },
    range: baseline,
  };
}

/** The baseline period and the change of one total. */
export function compareSummary(
  view: View,
  range: DateRange,
  totals: { now: number; before: number },
  lastOpened: string | null,
): CompareSummary {
  if (!view.compare) throw new Error('compareSummary needs a compared view');
  const baseline = baselineRange(range, view.compare);
  return {
    compare: view.compare,
    label: compareLabel(view.compare, baseline.months),
    from: baseline.from,
    to: baseline.to,
    months: baseline.months,
    total: totals.before,
    difference: totals.now - totals.before,
    relative: relativeChange(totals.now, totals.before),
    partial: rangeEndsPartial(range, lastOpened),
  };
}

/**
 * A chart route's compare block: the route's own query run on the baseline view, the figures
 * `pick` keeps from it, and the change of the total `total` reads from either answer, set on
 * `current.compare`. A view that compares nothing leaves the answer as it was.
 */
export async function chartCompare<R extends { compare?: ChartCompare<B> | null }, B>(
  view: View,
  context: { range: DateRange; summary: { lastOpened: string | null } },
  current: R,
  run: (baseline: View) => Promise<R>,
  pick: (answer: R) => B,
  total: (answer: R) => number,
): Promise<void> {
  if (!view.compare) return;
  const before = await run(baselineView(view, context.range).view);
  current.compare = {
    ...compareSummary(
      view,
      context.range,
      { now: total(current), before: total(before) },
      context.summary.lastOpened,
    ),
    baseline: pick(before),
  };
}
