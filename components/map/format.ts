/** Number formatting for map, legend, tooltip and table (pure). */
import type { Metric } from '@/lib/filters';

const integer = new Intl.NumberFormat('en', { maximumFractionDigits: 0 });
const oneDecimal = new Intl.NumberFormat('en', { maximumFractionDigits: 1 });
const twoDecimals = new Intl.NumberFormat('en', { maximumFractionDigits: 2 });

export function formatValue(value: number | null | undefined, metric: Metric): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return 'No data';
  switch (metric) {
    case 'count':
    case 'still_open':
      return integer.format(value);
    case 'per_1000':
      return twoDecimals.format(value);
    case 'median_days':
    case 'p90_days':
      return `${oneDecimal.format(value)} d`;
    case 'on_time_pct':
      return `${oneDecimal.format(value)}%`;
    case 'change_pct':
      return `${value > 0 ? '+' : ''}${oneDecimal.format(value)}%`;
    default:
      return oneDecimal.format(value);
  }
}

export function formatCount(value: number): string {
  return integer.format(value);
}

/** What a city counts: 311 requests, or police incidents (Seattle publishes crime). */
export function nounFor(kind: '311' | 'crime' | undefined): string {
  return kind === 'crime' ? 'incidents' : 'requests';
}

/** A metric's label in the city's own words. */
export function metricLabel(metric: Metric, kind: '311' | 'crime' | undefined): string {
  const label = METRIC_LABELS[metric];
  return kind === 'crime' ? label.replace('Requests', 'Incidents') : label;
}

export const METRIC_LABELS: Record<Metric, string> = {
  count: 'Requests',
  per_1000: 'Requests per 1,000 residents',
  median_days: 'Median days to close',
  p90_days: '90th percentile days to close',
  on_time_pct: 'Closed on time (%)',
  still_open: 'Still open',
  change_pct: 'Change vs previous period (%)',
};
