/** A view in words: the folded filter bar's summary, embed titles, unsupported metrics (pure). */
import type { CitySummary } from '@/lib/api/types';
import type { View } from '@/lib/view';
import { metricLabel } from '@/components/map/format';
import { COMPARE_CHOICES } from '@/lib/api/texts';
import { currentPreset, DATE_PRESET_LABELS } from './dates';

function list(label: string, values: string[] | undefined): string | null {
  if (!values?.length) return null;
  return values.length <= 2
    ? `${label}: ${values.join(', ')}`
    : `${label}: ${values[0]} and ${values.length - 1} more`;
}

export function filterWords(view: View, range?: { from: string; to: string }): string[] {
  const from = range?.from ?? view.from;
  const to = range?.to ?? view.to;
  return [
    from && to ? `${from} to ${to}` : null,
    list('Type', view.type),
    list('Category', view.category),
    list('Channel', view.channel),
    list('Division', view.division),
    view.status ? `Status: ${view.status}` : null,
  ].filter((part): part is string => part !== null);
}

/** "Ward · Requests per 1,000 · Last 12 months · 2 filters": the folded filter bar on a phone. */
export function filterSummary(view: View, city: CitySummary): string {
  const level = city.levels.find((l) => l.id === view.level) ?? city.levels[0];
  const preset = currentPreset(view, city.firstMonth, city.lastMonth);
  const dates =
    preset === 'custom' ? `${view.from ?? '…'} to ${view.to ?? '…'}` : DATE_PRESET_LABELS[preset];
  const filters =
    (view.type?.length ?? 0) +
    (view.category?.length ?? 0) +
    (view.channel?.length ?? 0) +
    (view.division?.length ?? 0) +
    (view.status ? 1 : 0);
  return [
    level?.label ?? view.level,
    metricLabel(view.metric, city.kind, view.duplicates),
    dates,
    view.compare ? `vs ${COMPARE_CHOICES[view.compare]}` : null,
    filters ? `${filters} ${filters === 1 ? 'filter' : 'filters'}` : null,
  ]
    .filter(Boolean)
    .join(' · ');
}
