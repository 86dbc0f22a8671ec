/** Number formatting for map, legend, tooltip and table (pure). */
import type { Metric } from '@/lib/view';

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

export { metricLabel, nounFor, METRIC_LABELS } from '@/lib/api/texts';
