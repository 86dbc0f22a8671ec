/** The headline strip's pure parts: its view and the change figure. */
import type { View } from '@/lib/view';

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
