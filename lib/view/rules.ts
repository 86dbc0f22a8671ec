/**
 * The pure transition rules of a view, used by the filter bar, the pages and the query
 * functions alike: what a city change or a level change resets, which metrics a city and level
 * support (and why not), and when hotspots can be tested.
 */
import type { CitySummary, LevelSummary } from '@/lib/api/types';
import { COMPARE_UNAVAILABLE_METRIC, metricLabel } from '@/lib/api/texts';
import type { Metric, View } from './fields';

/** Why a metric cannot be drawn for this city and level (one sentence), or null when it can. */
export function metricUnsupportedReason(
  city: Pick<CitySummary, 'name' | 'kind' | 'metrics'>,
  level: Pick<LevelSummary, 'label' | 'hasPopulation'>,
  metric: Metric,
): string | null {
  const label = metricLabel(metric, city.kind);
  if (metric === 'per_1000' && !level.hasPopulation) {
    return `${label} needs population figures, which ${city.name} has none of for the ${level.label} level.`;
  }
  if (city.metrics.includes(metric)) return null;
  switch (metric) {
    case 'median_days':
    case 'p90_days':
    case 'still_open':
      return `${label} needs closing dates, which ${city.name}'s data does not publish.`;
    case 'on_time_pct':
      return `${label} needs a service-level target, which ${city.name}'s data does not publish.`;
    default:
      return `${label} is not available for ${city.name}.`;
  }
}

/** Why hotspots cannot be tested for this view (one sentence), or null when they can. */
export function hotspotsUnsupportedReason(
  view: Pick<View, 'metric'>,
  level: Pick<LevelSummary, 'label' | 'hasPopulation'>,
): string | null {
  if (view.metric !== 'count') return 'Hotspots are tested on the count of requests only.';
  if (!level.hasPopulation) {
    return `Hotspots need population figures, which the ${level.label} level does not have.`;
  }
  return null;
}

/** A new city: its first level, the same metric where it is supported, every filter cleared. */
export function changeCity(view: View, next: CitySummary): View {
  const level = next.levels[0];
  const keepMetric = level ? metricUnsupportedReason(next, level, view.metric) === null : false;
  return {
    ...view,
    city: next.id,
    level: level?.id ?? view.level,
    metric: keepMetric ? view.metric : 'count',
    from: undefined,
    to: undefined,
    type: undefined,
    category: undefined,
    channel: undefined,
    division: undefined,
    area: undefined,
    hotspots: undefined,
  };
}

/** A new level: the selected area is dropped; per-1,000 and hotspots need population. */
export function changeLevel(view: View, city: CitySummary, levelId: string): View {
  const level = city.levels.find((l) => l.id === levelId);
  if (!level) return view;
  const metric = metricUnsupportedReason(city, level, view.metric) === null ? view.metric : 'count';
  const next: View = { ...view, level: level.id, area: undefined, metric };
  return {
    ...next,
    hotspots: hotspotsUnsupportedReason(next, level) === null ? view.hotspots : undefined,
  };
}

/** A new metric: hotspots stay only on counts. */
export function changeMetric(view: View, metric: Metric): View {
  return {
    ...view,
    metric,
    hotspots: metric === 'count' ? view.hotspots : undefined,
    compare: compareUnsupportedReason({ metric }) === null ? view.compare : undefined,
  };
}

/** Why the view cannot be compared with another period (one sentence), or null when it can. */
export function compareUnsupportedReason(view: Pick<View, 'metric'>): string | null {
  return view.metric === 'change_pct' ? COMPARE_UNAVAILABLE_METRIC : null;
}
