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
import { formatCount, nounFor } from '@/components/map/format';
import { InfoTip } from '@/components/ui/info-tip';
import { duplicateModeLabel, ON_TIME_DEFINITION, PORTAL_ON_TIME_DEFINITION } from '@/lib/api/texts';
import { monthsIn, previousPeriod } from './dates';
import { figureChanges, formatChange, headlineView } from './headline-strip-figures';

const oneDecimal = new Intl.NumberFormat('en', {
  maximumFractionDigits: 1,
  minimumFractionDigits: 1,
});
const twoDecimals = new Intl.NumberFormat('en', {
  maximumFractionDigits: 2,
  minimumFractionDigits: 2,
});

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
  return (
    <InfoTip className="headline" tip={tip} testId={`headline-${id}`}>
      <span className="headline-label">{label}</span>
      <span className="headline-value" data-testid={`headline-${id}-value`}>
        {value ?? <span className="skeleton headline-skeleton" aria-label="Loading" />}
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
  const base = headlineView(view);
  const noun = nounFor(city.kind);
  const Noun = noun[0]!.toUpperCase() + noun.slice(1);
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
  const changes = figureChanges(data, open.data, resolution.data);

  if (current.isError) {
    return (
      <p className="headline-strip error" role="alert">
        The summary could not be loaded: {current.error.message}
      </p>
    );
  }

  return (
    <section
      className="headline-strip"
      aria-label="Summary of this view"
      data-testid="headline-strip"
    >
      <Figure
        id="requests"
        label={view.duplicates === 'merged' ? duplicateModeLabel('merged', city.kind) : Noun}
        value={data ? formatCount(data.total) : null}
        change={changes.requests}
        detail={
          data && population
            ? `${twoDecimals.format((data.total / population) * 1000)} per 1,000 residents`
            : undefined
        }
        tip={`${Noun} opened from ${range?.from ?? '…'} to ${range?.to ?? '…'} that match the filters, city-wide (located or not).${population ? ` Per 1,000 residents: that count ÷ the ${formatCount(population)} residents of the ${level?.label.toLowerCase() ?? ''} areas × 1,000.` : ''}`}
      />
      <Figure
        id="change"
        label="Change"
        value={
          data && previous.data
            ? formatChange(data.total, previous.data.total)
            : previous.isError
              ? '—'
              : null
        }
        detail={
          before && previous.data
            ? previous.data.total === 0
              ? `no data in the ${months} months before`
              : `vs ${formatCount(previous.data.total)} in the ${months} months before`
            : undefined
        }
        tip={`${Noun} in this range against the ${months ?? ''} months just before it${before ? ` (${before.from} to ${before.to})` : ''}, with the same filters. Where the earlier months have no data the change is not meaningful.`}
      />
      {city.hasResolution ? (
        <Figure
          id="median"
          label="Median days to close"
          change={changes.median}
          value={
            resolution.data
              ? summary?.p50Days === null || summary === null
                ? '—'
                : oneDecimal.format(summary.p50Days)
              : resolution.isError
                ? '—'
                : null
          }
          detail={summary ? `of ${formatCount(summary.closed)} closed` : undefined}
          tip={`Half of the ${noun} opened in this range and closed since were closed within this many days (from opening to closing, closed ${noun} with a known closing time only).`}
        />
      ) : (
        <Figure
          id="median"
          label="Median days to close"
          value="—"
          note={`${city.name} publishes no closing dates`}
          tip={`${city.name} publishes no closing dates, so time to close cannot be measured.`}
        />
      )}
      {city.hasSla ? (
        <Figure
          id="on-time"
          label="On time"
          change={changes.onTime}
          value={
            resolution.data
              ? summary?.onTimePct === null || summary === null
                ? '—'
                : `${oneDecimal.format(summary.onTimePct * 100)}%`
              : resolution.isError
                ? '—'
                : null
          }
          detail={
            flagShare !== undefined && flagShare !== null
              ? `portal's own flag: ${oneDecimal.format(flagShare * 100)}%`
              : summary
                ? `of ${formatCount(summary.slaDue)} due`
                : undefined
          }
          tip={`${ON_TIME_DEFINITION}${flagShare !== undefined && flagShare !== null ? ` Beside it — ${PORTAL_ON_TIME_DEFINITION}` : ''}`}
        />
      ) : null}
      {hasOpen ? (
        <Figure
          id="open"
          label="Still open"
          change={changes.open}
          value={open.data ? formatCount(open.data.total) : open.isError ? '—' : null}
          detail={
            data && open.data && data.total > 0
              ? `${oneDecimal.format((open.data.total / data.total) * 100)}% of them`
              : undefined
          }
          tip={`${Noun} opened in this range that the portal still shows as open (ignores the status filter).`}
        />
      ) : (
        <Figure
          id="open"
          label="Still open"
          value="—"
          note={`${city.name} publishes no closing dates`}
          tip={`${city.name} publishes no closing dates, so what is still open cannot be measured.`}
        />
      )}
    </section>
  );
}
