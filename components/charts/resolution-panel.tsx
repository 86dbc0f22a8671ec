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
import type { ResolutionCategoryRow, ResolutionSummary } from '@/lib/api/types';
import {
  buildCsv,
  histogramTable,
  resolutionByCategoryTable,
  resolutionByTypeTable,
} from '@/components/export/tables';
import { filterOptionsQuery } from '@/lib/api/query-options';
import { axisWidth } from './chart-honesty';
import { resolutionEstimateQuery, resolutionQuery } from '@/lib/api/query-options';
import { formatCount, formatDays, formatPct } from './chart-types';
import { ShareTable } from './share-table';
import {
  NO_CLOSING_DATES,
  nounsFor,
  ON_TIME_DEFINITION,
  PORTAL_ON_TIME_DEFINITION,
  type Nouns,
} from '@/lib/api/texts';
import type { CitySummary } from '@/lib/api/types';
import { DataTable, type Column } from '@/components/ui/data-table';
import { isRetryable } from '@/components/ui/retry';
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

/** The portal's own on-time flag share. */
function flagShare(summary: ResolutionSummary): number | null {
  return summary.portalOnTimePct ?? null;
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
          <dd>
            {formatPct(summary.onTimePct)}
            {city ? (
              <span className="city-compare"> (city {formatPct(city.onTimePct)})</span>
            ) : null}
            {flagShare(summary) !== null ? (
              <span className="city-compare" data-testid="on-time-flag">
                {' '}
                · portal&apos;s own flag {formatPct(flagShare(summary))}
              </span>
            ) : null}
          </dd>
          <dd className="measure-definition" data-testid="on-time-definition">
            {ON_TIME_DEFINITION.replace(/\.$/, '')} ({formatCount(summary.slaDue)} due).
            {flagShare(summary) !== null ? ` ${PORTAL_ON_TIME_DEFINITION}` : ''}
          </dd>
        </div>
      ) : null}
    </dl>
  );
}

type TimeRow = ResolutionSummary & { type?: string; category?: string };

export function ResolutionTypeTable({
  rows,
  hasSla,
  nouns,
  by = 'type',
}: {
  rows: TimeRow[];
  hasSla: boolean;
  nouns: Nouns;
  by?: 'type' | 'category';
}) {
  const name = (r: TimeRow) => (by === 'type' ? r.type : r.category) ?? '';
  const columns: Column<TimeRow>[] = [
    {
      key: 'name',
      label: by === 'category' ? 'Category' : nouns.type === 'type' ? 'Type' : 'Offence',
      value: name,
      rowHeader: true,
    },
    {
      key: 'closed',
      label: 'Closed',
      numeric: true,
      value: (r) => r.closed,
      render: (r) => formatCount(r.closed),
    },
    {
      key: 'p50',
      label: 'Median',
      numeric: true,
      value: (r) => r.p50Days,
      render: (r) => formatDays(r.p50Days),
    },
    {
      key: 'p90',
      label: '90th pct',
      numeric: true,
      value: (r) => r.p90Days,
      render: (r) => formatDays(r.p90Days),
    },
    {
      key: 'avg',
      label: 'Average',
      numeric: true,
      value: (r) => r.avgDays,
      render: (r) => formatDays(r.avgDays),
    },
    {
      key: 'max',
      label: 'Longest',
      numeric: true,
      value: (r) => r.maxDays,
      render: (r) => formatDays(r.maxDays),
    },
    ...(hasSla
      ? [
          {
            key: 'onTime',
            label: 'On time',
            numeric: true,
            value: (r: TimeRow) => r.onTimePct,
            render: (r: TimeRow) => formatPct(r.onTimePct),
          },
        ]
      : []),
  ];
  return (
    <DataTable
      rows={rows}
      columns={columns}
      rowKey={name}
      initialSort={{ key: 'closed', descending: true }}
      caption={`Days to close by ${by === 'category' ? 'category' : nouns.type} (${rows.length} ${by === 'category' ? 'categories' : nouns.types}, sortable)`}
      testId={`resolution-by-${by}`}
      className="resolution-by-type"
    />
  );
}

function EstimateForm({
  view,
  types,
  areas,
  initialType,
  onType,
}: {
  view: View;
  types: string[];
  areas: { key: string; label: string }[];
  initialType?: string;
  onType?: (type: string) => void;
}) {
  const [chosen, setType] = useState(initialType ?? '');
  const type = chosen || types[0] || '';
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
          onType?.(type);
        }}
      >
        <label>
          Type{' '}
          <select
            value={type}
            onChange={(event) => setType(event.target.value)}
            data-testid="estimate-type"
          >
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
          {isRetryable(query.error) ? (
            <button type="button" onClick={() => void query.refetch()}>
              Retry
            </button>
          ) : null}
        </p>
      ) : !query.data.available ? (
        <p>{query.data.message}</p>
      ) : query.data.estimate.closed === 0 ? (
        <p>No closed “{query.data.estimate.type}” requests to learn from in this period.</p>
      ) : !query.data.estimate.enough ? (
        <p data-testid="estimate-too-few">
          Only {formatCount(query.data.estimate.closed)} closed “{query.data.estimate.type}”
          requests in this period: too few (under {query.data.estimate.minSample}) for an estimate.
        </p>
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

/** Days to close per category (null when there are none). */
function byCategory(data: { byCategory: ResolutionCategoryRow[] }): ResolutionCategoryRow[] | null {
  return data.byCategory.length ? data.byCategory : null;
}

export function ResolutionPanel({
  view,
  city,
  areas = [],
  estimateType,
  onEstimateType,
}: {
  view: View;
  city: CitySummary;
  areas?: { key: string; label: string }[];
  estimateType?: string;
  onEstimateType?: (type: string) => void;
}) {
  const nouns = nounsFor(city.kind);
  const options = useQuery({ ...filterOptionsQuery(view), enabled: city.hasResolution });
  const types = options.data?.type.map((o) => o.value) ?? [];
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
                  <YAxis
                    width={axisWidth(
                      Math.max(0, ...data.histogram.map((b) => b.count)),
                      formatCount,
                    )}
                    tickFormatter={(v: number) => formatCount(v)}
                    tick={{ fontSize: 12 }}
                  />
                  <Tooltip
                    formatter={(v, _n, item) => [
                      `${formatCount(Number(v))} (${formatPct((item.payload as { share: number | null }).share)})`,
                      'Closed',
                    ]}
                  />
                  <Bar dataKey="count" fill="#009E73" isAnimationActive={false} />
                </BarChart>
              </ResponsiveContainer>
              <ShareTable
                caption={`Closed ${nouns.many} by time to close`}
                labelHeading="Time to close"
                countHeading="Closed"
                rows={data.histogram.map((bin) => ({ key: String(bin.bucket), ...bin }))}
              />
            </figure>
            <div className="chart-subsection">
              <DownloadCsvButton
                file={() => buildCsv(data.meta, resolutionByTypeTable(data.byType, city.hasSla))}
                label="Download CSV (by type)"
              />
              <ResolutionTypeTable rows={data.byType} hasSla={city.hasSla} nouns={nouns} />
            </div>
            {byCategory(data) ? (
              <div className="chart-subsection">
                <DownloadCsvButton
                  file={() =>
                    buildCsv(data.meta, resolutionByCategoryTable(data.byCategory, city.hasSla))
                  }
                  label="Download CSV (by category)"
                />
                <ResolutionTypeTable
                  rows={byCategory(data)!}
                  hasSla={city.hasSla}
                  nouns={nouns}
                  by="category"
                />
              </div>
            ) : null}
            <EstimateForm
              view={view}
              types={types.length ? types : data.byType.map((row) => row.type)}
              areas={areas}
              initialType={estimateType}
              onType={onEstimateType}
            />
          </>
        )
      }
    </ChartWidget>
  );
}
