'use client';
/**
 * The few numbers an analyst wants first, for the current view (city-wide, whatever area is
 * selected): requests (and per 1,000 residents), change vs the previous period of the same
 * length, median days to close, % on time and still open. Every figure is read from the same
 * API answers the map and the charts use, and carries its definition.
 */
import { useQuery } from '@tanstack/react-query';
import { choroplethQuery } from '@/lib/api/query-options';
import type { CitySummary } from '@/lib/api/types';
import type { View } from '@/lib/view';
import { resolutionQuery } from '@/lib/api/query-options';
import { useTranslations } from 'next-intl';
import { InfoTip } from '@/components/ui/info-tip';
import { useWords } from '@/lib/i18n/words';
import { monthsIn, previousPeriod } from './dates';
import { figureChanges, formatChange, headlineView } from './headline-strip-figures';
import { fixed, fixedPercent } from './numbers';

function Figure({
  id,
  label,
  value,
  detail,
  note,
  tip,
  change,
}: {
  id: string;
  label: string;
  value: string | null;
  detail?: string;
  /** With compare=: the figure's change against the baseline, "+12% vs previous 12 months". */
  change?: string | undefined;
  /** A short reason the figure is missing: shown at every width, unlike `detail`. */
  note?: string;
  tip: string;
}) {
  const t = useTranslations('dashboard');
  return (
    <InfoTip className="headline" tip={tip} testId={`headline-${id}`}>
      <span className="headline-label">{label}</span>
      <span className="headline-value" data-testid={`headline-${id}-value`}>
        {value ?? (
          <span className="skeleton headline-skeleton" aria-label={t('headline.loading')} />
        )}
      </span>
      {change ? (
        <span className="headline-detail headline-change" data-testid={`headline-${id}-change`}>
          {change}
        </span>
      ) : null}
      {detail ? <span className="headline-detail">{detail}</span> : null}
      {note ? (
        <span className="headline-detail headline-note" data-testid={`headline-${id}-note`}>
          {note}
        </span>
      ) : null}
    </InfoTip>
  );
}

export function HeadlineStrip({ view, city }: { view: View; city: CitySummary }) {
  const t = useTranslations('dashboard');
  const words = useWords();
  const { locale, format } = words;
  const base = headlineView(view);
  const { many: noun, Many: Noun } = words.nouns(city.kind);
  const current = useQuery(choroplethQuery(base));
  const range = current.data ? { from: current.data.from, to: current.data.to } : null;
  const before = range ? previousPeriod(range.from, range.to) : null;
  const previous = useQuery({
    ...choroplethQuery({ ...base, ...before, compare: undefined }),
    enabled: before !== null,
  });
  // The same rule as the metric picker: "still open" needs closing dates.
  const hasOpen = city.metrics.includes('still_open');
  const open = useQuery({
    ...choroplethQuery({ ...base, status: 'open' }),
    enabled: hasOpen,
  });
  const resolution = useQuery({
    ...resolutionQuery(base),
    enabled: city.hasResolution,
  });

  const level = city.levels.find((l) => l.id === view.level);
  const data = current.data;
  const population =
    data && level?.hasPopulation && data.areas.every((a) => a.population !== null)
      ? data.areas.reduce((sum, a) => sum + (a.population ?? 0), 0)
      : null;
  const months = range ? monthsIn(range.from, range.to) : null;
  const summary = resolution.data?.available ? resolution.data.summary : null;
  const flagShare = summary?.portalOnTimePct;
  const changes = figureChanges(data, open.data, resolution.data, words, t);

  if (current.isError) {
    return (
      <p className="headline-strip error" role="alert">
        {t('headline.loadFailed', { message: current.error.message })}
      </p>
    );
  }

  return (
    <section
      className="headline-strip"
      aria-label={t('headline.region')}
      data-testid="headline-strip"
    >
      <Figure
        id="requests"
        label={words.nouns(city.kind, view.duplicates).Many}
        value={data ? format.count(data.total) : null}
        change={changes.requests}
        detail={
          data && population
            ? t('headline.per1000', { value: fixed(locale, (data.total / population) * 1000, 2) })
            : undefined
        }
        tip={t('headline.requestsTip', {
          Noun,
          from: range?.from ?? '…',
          to: range?.to ?? '…',
          population: population ? 'yes' : 'no',
          residents: format.count(population ?? 0),
          level: level?.label.toLowerCase() ?? '',
        })}
      />
      <Figure
        id="change"
        label={t('headline.change')}
        value={
          data && previous.data
            ? formatChange(data.total, previous.data.total, locale)
            : previous.isError
              ? '—'
              : null
        }
        detail={
          before && previous.data
            ? previous.data.total === 0
              ? t('headline.changeNoData', { months: months ?? 0 })
              : t('headline.changeVs', {
                  count: format.count(previous.data.total),
                  months: months ?? 0,
                })
            : undefined
        }
        tip={t('headline.changeTip', {
          Noun,
          months: months ?? '',
          before: before ? 'yes' : 'no',
          from: before?.from ?? '',
          to: before?.to ?? '',
        })}
      />
      {city.hasResolution ? (
        <Figure
          id="median"
          label={t('headline.median')}
          change={changes.median}
          value={
            resolution.data
              ? summary?.p50Days === null || summary === null
                ? '—'
                : fixed(locale, summary.p50Days, 1)
              : resolution.isError
                ? '—'
                : null
          }
          detail={
            summary
              ? t('headline.medianDetail', { count: format.count(summary.closed) })
              : undefined
          }
          tip={t('headline.medianTip', { noun })}
        />
      ) : (
        <Figure
          id="median"
          label={t('headline.median')}
          value="—"
          note={t('headline.noClosingDates', { city: city.name })}
          tip={t('headline.medianNoDatesTip', { city: city.name })}
        />
      )}
      {city.hasSla ? (
        <Figure
          id="on-time"
          label={t('headline.onTime')}
          change={changes.onTime}
          value={
            resolution.data
              ? summary?.onTimePct === null || summary === null
                ? '—'
                : fixedPercent(locale, summary.onTimePct * 100, 1)
              : resolution.isError
                ? '—'
                : null
          }
          detail={
            flagShare !== undefined && flagShare !== null
              ? t('headline.portalFlag', { value: fixedPercent(locale, flagShare * 100, 1) })
              : summary
                ? t('headline.due', { count: format.count(summary.slaDue) })
                : undefined
          }
          tip={t('headline.onTimeTip', {
            definition: words.metricDefinition('on_time_pct', city.kind),
            flag: flagShare !== undefined && flagShare !== null ? 'yes' : 'no',
            portal: words.portalOnTimeDefinition(city.kind),
          })}
        />
      ) : null}
      {hasOpen ? (
        <Figure
          id="open"
          label={t('headline.open')}
          change={changes.open}
          value={open.data ? format.count(open.data.total) : open.isError ? '—' : null}
          detail={
            data && open.data && data.total > 0
              ? t('headline.openShare', {
                  value: fixedPercent(locale, (open.data.total / data.total) * 100, 1),
                })
              : undefined
          }
          tip={t('headline.openTip', { Noun })}
        />
      ) : (
        <Figure
          id="open"
          label={t('headline.open')}
          value="—"
          note={t('headline.noClosingDates', { city: city.name })}
          tip={t('headline.openNoDatesTip', { city: city.name })}
        />
      )}
    </section>
  );
}
