'use client';
/**
 * Resolution time: the distribution of time to close, median/p90/average/max per type, the
 * honest on-time share where the city has a target, and a "typical time to close" form. A city
 * without closing dates gets a plain sentence, never zeros.
 */
import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { View } from '@/lib/view';
import type { ResolutionSummary, ResolutionTypeRow } from '@/lib/api/types';
import { buildCsv, histogramTable, resolutionByTypeTable } from '@/components/export/tables';
import { resolutionEstimateQuery, resolutionQuery } from '@/lib/api/query-options';
import type { CitySummary } from '@/lib/api/types';
import { NO_CLOSING_DATES, nounsFor, type Nouns } from '@/lib/api/texts';
import { formatCount, formatDays, formatPct } from './chart-types';
import { ChartWidget, DownloadCsvButton } from './widget';

export const NO_CLOSING_DATES_TEXT = NO_CLOSING_DATES;

export function NoResolutionPanel({ city }: { city: CitySummary }) {
  return (
    <section className="chart-widget" data-widget="resolution" aria-labelledby="resolution-title">
      <header className="chart-widget-header">
        <h3 id="resolution-title">Time to close</h3>
      </header>
      <p className="chart-unavailable" data-testid="resolution-unavailable">
        {city.kind === 'crime'
          ? `${city.name} publishes incidents without closing dates, so resolution time cannot be measured.`
          : NO_CLOSING_DATES_TEXT}
      </p>
    </section>
  );
}

function SummaryList({
  summary,
  city,
  nouns,
}: {
  summary: ResolutionSummary;
  city?: ResolutionSummary | null;
  nouns: Nouns;
}) {
  const items: [string, string, string | null][] = [
    ['Median', formatDays(summary.p50Days), city ? formatDays(city.p50Days) : null],
    ['90th percentile', formatDays(summary.p90Days), city ? formatDays(city.p90Days) : null],
    ['Average', formatDays(summary.avgDays), city ? formatDays(city.avgDays) : null],
    ['Longest', formatDays(summary.maxDays), city ? formatDays(city.maxDays) : null],
    [
      `Closed ${nouns.many} measured`,
      formatCount(summary.closed),
      city ? formatCount(city.closed) : null,
    ],
  ];
  return (
    <dl className="resolution-summary">
      {items.map(([label, value, cityValue]) => (
        <div key={label} data-measure={label}>
          <dt>{label}</dt>
          <dd>
            {value}
            {cityValue !== null ? <span className="city-compare"> (city {cityValue})</span> : null}
          </dd>
        </div>
      ))}
      {summary.onTimePct !== null ? (
        <div data-measure="On time">
          <dt>On time</dt>
          <dd
            title={`Closed on time ÷ (closed with a target + still open and already overdue) = of ${formatCount(summary.slaDue)}`}
          >
            {formatPct(summary.onTimePct)}
            {city ? (
              <span className="city-compare"> (city {formatPct(city.onTimePct)})</span>
            ) : null}
          </dd>
        </div>
      ) : null}
    </dl>
  );
}

export function ResolutionTypeTable({
  rows,
  hasSla,
  nouns,
}: {
  rows: ResolutionTypeRow[];
  hasSla: boolean;
  nouns: Nouns;
}) {
  return (
    <div className="breakdown-scroll">
      <table className="resolution-by-type">
        <caption>
          Days to close by {nouns.type} (the {rows.length} with the most closed {nouns.many})
        </caption>
        <thead>
          <tr>
            <th scope="col">{nouns.type === 'type' ? 'Type' : 'Offence'}</th>
            <th scope="col">Closed</th>
            <th scope="col">Median</th>
            <th scope="col">90th pct</th>
            <th scope="col">Average</th>
            <th scope="col">Longest</th>
            {hasSla ? <th scope="col">On time</th> : null}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.type}>
              <th scope="row">{row.type}</th>
              <td>{formatCount(row.closed)}</td>
              <td>{formatDays(row.p50Days)}</td>
              <td>{formatDays(row.p90Days)}</td>
              <td>{formatDays(row.avgDays)}</td>
              <td>{formatDays(row.maxDays)}</td>
              {hasSla ? <td>{formatPct(row.onTimePct)}</td> : null}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function EstimateForm({
  view,
  types,
  areas,
}: {
  view: View;
  types: string[];
  areas: { key: string; label: string }[];
}) {
  const [type, setType] = useState(types[0] ?? '');
  const [area, setArea] = useState(view.area ?? '');
  const [asked, setAsked] = useState<{ type: string; area: string } | null>(null);
  const query = useQuery({
    ...resolutionEstimateQuery(view, asked?.type ?? '', asked?.area || undefined),
    enabled: asked !== null && asked.type !== '',
  });
  return (
    <div className="chart-subsection" data-widget="resolution-estimate">
      <h4>Typical time to close an open request</h4>
      <form
        className="chart-form"
        onSubmit={(event) => {
          event.preventDefault();
          setAsked({ type, area });
        }}
      >
        <label>
          Type{' '}
          <select value={type} onChange={(event) => setType(event.target.value)}>
            {types.map((value) => (
              <option key={value} value={value}>
                {value}
              </option>
            ))}
          </select>
        </label>
        <label>
          Area{' '}
          <select value={area} onChange={(event) => setArea(event.target.value)}>
            <option value="">Whole city</option>
            {areas.map((option) => (
              <option key={option.key} value={option.key}>
                {option.label}
              </option>
            ))}
          </select>
        </label>
        <button type="submit">Estimate</button>
      </form>
      {asked === null ? null : query.isPending ? (
        <p role="status">Working it out…</p>
      ) : query.isError ? (
        <p role="alert">
          The estimate could not be loaded: {query.error.message}{' '}
          <button type="button" onClick={() => void query.refetch()}>
            Retry
          </button>
        </p>
      ) : !query.data.available ? (
        <p>{query.data.message}</p>
      ) : query.data.estimate.closed === 0 ? (
        <p>No closed “{query.data.estimate.type}” requests to learn from in this period.</p>
      ) : (
        <p className="estimate-answer" aria-live="polite">
          Half of “{query.data.estimate.type}” requests
          {query.data.estimate.basis === 'area'
            ? ` in ${query.data.estimate.areaName}`
            : ' city-wide'}{' '}
          closed within <strong>{formatDays(query.data.estimate.p50Days)}</strong>, and 9 in 10
          within <strong>{formatDays(query.data.estimate.p90Days)}</strong> (from{' '}
          {formatCount(query.data.estimate.closed)} closed requests
          {query.data.estimate.basis === 'city' && asked.area
            ? '; too few in the area, so city-wide'
            : ''}
          ).
        </p>
      )}
    </div>
  );
}

export function ResolutionPanel({
  view,
  city,
  areas = [],
}: {
  view: View;
  city: CitySummary;
  areas?: { key: string; label: string }[];
}) {
  const nouns = nounsFor(city.kind);
  const query = useQuery({ ...resolutionQuery(view), enabled: city.hasResolution });
  if (!city.hasResolution) return <NoResolutionPanel city={city} />;
  return (
    <ChartWidget
      id="resolution"
      title="Time to close"
      query={query}
      isEmpty={(data) => data.available && data.summary.closed === 0}
      empty={`No closed ${nouns.many} with a known closing time in this period.`}
      csv={(data) => buildCsv(data.meta, histogramTable(data.available ? data.histogram : []))}
      skeletonHeight={300}
    >
      {(data) =>
        !data.available ? (
          <p className="chart-unavailable" data-testid="resolution-unavailable">
            {data.message}
          </p>
        ) : (
          <>
            {data.ignoredFilters.length ? (
              <p className="chart-note">
                Resolution times are not broken down by {data.ignoredFilters.join(', ')}; those
                filters are ignored here.
              </p>
            ) : null}
            <SummaryList summary={data.summary} city={data.citySummary} nouns={nouns} />
            <figure aria-label="Distribution of time to close">
              <ResponsiveContainer width="100%" height={220}>
                <BarChart data={data.histogram} margin={{ top: 8, right: 8, bottom: 24, left: 0 }}>
                  <CartesianGrid strokeDasharray="3 3" vertical={false} />
                  <XAxis
                    dataKey="label"
                    angle={-35}
                    textAnchor="end"
                    interval={0}
                    height={50}
                    fontSize={11}
                  />
                  <YAxis width={56} tickFormatter={(v: number) => formatCount(v)} />
                  <Tooltip
                    formatter={(v, _n, item) => [
                      `${formatCount(Number(v))} (${formatPct((item.payload as { share: number | null }).share)})`,
                      'Closed',
                    ]}
                  />
                  <Bar dataKey="count" fill="#009E73" isAnimationActive={false} />
                </BarChart>
              </ResponsiveContainer>
            </figure>
            <div className="chart-subsection">
              <DownloadCsvButton
                file={() => buildCsv(data.meta, resolutionByTypeTable(data.byType, city.hasSla))}
                label="Download CSV (by type)"
              />
              <ResolutionTypeTable rows={data.byType} hasSla={city.hasSla} nouns={nouns} />
            </div>
            {data.byType.length ? (
              <EstimateForm view={view} types={data.byType.map((row) => row.type)} areas={areas} />
            ) : null}
          </>
        )
      }
    </ChartWidget>
  );
}
