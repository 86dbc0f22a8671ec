/** A view in words: the folded filter bar's summary, embed titles, unsupported metrics (pure). */
import { useMemo } from 'react';
import { useTranslations } from 'next-intl';
import type { CitySummary } from '@/lib/api/types';
import type { View } from '@/lib/view';
import { useWords, type Words } from '@/lib/i18n/words';
import { currentPreset } from './dates';
import type { DashboardT } from './headline-strip-figures';

/** The two catalogues a view's words come from: the dashboard's and the shared vocabulary. */
export interface ViewWords {
  t: DashboardT;
  words: Words;
}

export function useViewWords(): ViewWords {
  const t = useTranslations('dashboard');
  const words = useWords();
  return useMemo(() => ({ t, words }), [t, words]);
}

type FilterKey = 'type' | 'category' | 'channel' | 'division';

function list({ t }: ViewWords, key: FilterKey, values: string[] | undefined): string | null {
  if (!values?.length) return null;
  const label = t(`view.filter.${key}`);
  return values.length <= 2
    ? t('view.list', { label, values: values.join(', ') })
    : t('view.listMore', { label, first: values[0]!, more: values.length - 1 });
}

export function filterWords(
  view: View,
  range: { from: string; to: string } | undefined,
  say: ViewWords,
): string[] {
  const from = range?.from ?? view.from;
  const to = range?.to ?? view.to;
  return [
    from && to ? say.t('view.range', { from, to }) : null,
    list(say, 'type', view.type),
    list(say, 'category', view.category?.map(say.words.category)),
    list(say, 'channel', view.channel?.map(say.words.channel)),
    list(say, 'division', view.division),
    view.status ? say.t('view.status', { status: view.status }) : null,
  ].filter((part): part is string => part !== null);
}

/** "Ward · Requests per 1,000 · Last 12 months · 2 filters": the folded filter bar on a phone. */
export function filterSummary(view: View, city: CitySummary, say: ViewWords): string {
  const { t, words } = say;
  const level = city.levels.find((l) => l.id === view.level) ?? city.levels[0];
  const preset = currentPreset(view, city.firstMonth, city.lastMonth);
  const dates =
    preset === 'custom'
      ? t('view.range', { from: view.from ?? '…', to: view.to ?? '…' })
      : t(`presets.${preset}`);
  const filters =
    (view.type?.length ?? 0) +
    (view.category?.length ?? 0) +
    (view.channel?.length ?? 0) +
    (view.division?.length ?? 0) +
    (view.status ? 1 : 0);
  return [
    level?.label ?? view.level,
    words.metricLabel(view.metric, city.kind, view.duplicates),
    dates,
    view.compare ? t('view.vs', { choice: words.compareChoice(view.compare) }) : null,
    filters ? t('view.filters', { count: filters }) : null,
  ]
    .filter(Boolean)
    .join(' · ');
}
