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
import { ShareTable } from './share-table';
import { NO_CLOSING_DATES } from '@/lib/api/texts';
import type { CitySummary } from '@/lib/api/types';
import { useExportWords } from '@/components/export/use-export-words';
import { bucketBounds } from '@/lib/resolution-buckets';
import { useChartWords, type ChartWords } from './use-chart-words';
import { DataTable, type Column } from '@/components/ui/data-table';
import { isRetryable } from '@/components/ui/retry';
import { ChartWidget, DownloadCsvButton } from './widget';

export const NO_CLOSING_DATES_TEXT = NO_CLOSING_DATES;

export function NoResolutionPanel({ city }: { city: CitySummary }) {
  const { t, words } = useChartWords(city.kind);
  return (
    <section className="chart-widget" data-widget="resolution" aria-labelledby="resolution-title">
      <header className="chart-widget-header">
        <h3 id="resolution-title">{t('resolution.title')}</h3>
      </header>
      <p className="chart-unavailable" data-testid="resolution-unavailable">
        {city.kind === 'crime'
          ? t('resolution.crimeNoDates', { city: city.name })
          : words.t('noClosingDates')}
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
  cw,
  kind,
}: {
  summary: ResolutionSummary;
  city?: ResolutionSummary | null;
  cw: ChartWords;
  kind: CitySummary['kind'];
}) {
  const { t, fmt, nouns, words } = cw;
  /** [stable id for tests, label, value, the city's value]. */
  const items: [string, string, string, string | null][] = [
    [
      'Median',
      t('resolution.median'),
      fmt.days(summary.p50Days),
      city ? fmt.days(city.p50Days) : null,
    ],
    [
      '90th percentile',
      t('resolution.p90'),
      fmt.days(summary.p90Days),
      city ? fmt.days(city.p90Days) : null,
    ],
    [
      'Average',
      t('resolution.average'),
      fmt.days(summary.avgDays),
      city ? fmt.days(city.avgDays) : null,
    ],
    [
      'Longest',
      t('resolution.longest'),
      fmt.days(summary.maxDays),
      city ? fmt.days(city.maxDays) : null,
    ],
    [
      `Closed ${nouns.many} measured`,
      t('resolution.closedMeasured', { many: nouns.many }),
      fmt.count(summary.closed),
      city ? fmt.count(city.closed) : null,
    ],
  ];
  return (
    <dl className="resolution-summary">
      {items.map(([id, label, value, cityValue]) => (
        <div key={id} data-measure={id}>
          <dt>{label}</dt>
          <dd>
            {value}
            {cityValue !== null ? (
              <span className="city-compare">
                {' '}
                {t('resolution.cityValue', { value: cityValue })}
              </span>
            ) : null}
          </dd>
        </div>
      ))}
      {summary.onTimePct !== null ? (
        <div data-measure="On time">
          <dt>{t('resolution.onTime')}</dt>
          <dd>
            {fmt.pct(summary.onTimePct)}
            {city ? (
              <span className="city-compare">
                {' '}
                {t('resolution.cityValue', { value: fmt.pct(city.onTimePct) })}
              </span>
            ) : null}
            {flagShare(summary) !== null ? (
              <span className="city-compare" data-testid="on-time-flag">
                {' '}
                {t('resolution.portalFlag', { value: fmt.pct(flagShare(summary)) })}
              </span>
            ) : null}
          </dd>
          <dd className="measure-definition" data-testid="on-time-definition">
            {t('resolution.onTimeDefinition', {
              definition: words.metricDefinition('on_time_pct', kind).replace(/\.$/, ''),
              due: fmt.count(summary.slaDue),
            })}
            {flagShare(summary) !== null ? ` ${words.portalOnTimeDefinition(kind)}` : ''}
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
  cw,
  by = 'type',
}: {
  rows: TimeRow[];
  hasSla: boolean;
  cw: ChartWords;
  by?: 'type' | 'category';
}) {
  const { t, fmt, nouns, noun, words } = cw;
  const name = (r: TimeRow) => (by === 'type' ? r.type : r.category) ?? '';
  const columns: Column<TimeRow>[] = [
    {
      key: 'name',
      label: by === 'category' ? t('table.category') : t('table.typeHeading', { noun }),
      value: name,
      render: (r) => (by === 'category' ? words.category(name(r)) : name(r)),
      rowHeader: true,
    },
    {
      key: 'closed',
      label: t('resolution.closed'),
      numeric: true,
      value: (r) => r.closed,
      render: (r) => fmt.count(r.closed),
    },
    {
      key: 'p50',
      label: t('resolution.median'),
      numeric: true,
      value: (r) => r.p50Days,
      render: (r) => fmt.days(r.p50Days),
    },
    {
      key: 'p90',
      label: t('resolution.p90Short'),
      numeric: true,
      value: (r) => r.p90Days,
      render: (r) => fmt.days(r.p90Days),
    },
    {
      key: 'avg',
      label: t('resolution.average'),
      numeric: true,
      value: (r) => r.avgDays,
      render: (r) => fmt.days(r.avgDays),
    },
    {
      key: 'max',
      label: t('resolution.longest'),
      numeric: true,
      value: (r) => r.maxDays,
      render: (r) => fmt.days(r.maxDays),
    },
    ...(hasSla
      ? [
          {
            key: 'onTime',
            label: t('resolution.onTime'),
            numeric: true,
            value: (r: TimeRow) => r.onTimePct,
            render: (r: TimeRow) => fmt.pct(r.onTimePct),
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
      caption={t('resolution.tableCaption', {
        by,
        type: nouns.type,
        types: nouns.types,
        count: fmt.count(rows.length),
      })}
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
  cw: { t, fmt },
}: {
  view: View;
  types: string[];
  areas: { key: string; label: string }[];
  initialType?: string;
  onType?: (type: string) => void;
  cw: ChartWords;
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
      <h4>{t('resolution.estimateTitle')}</h4>
      <form
        className="chart-form"
        onSubmit={(event) => {
          event.preventDefault();
          setAsked({ type, area });
          onType?.(type);
        }}
      >
        <label>
          {t('resolution.estimateType')}{' '}
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
          {t('resolution.estimateArea')}{' '}
          <select value={area} onChange={(event) => setArea(event.target.value)}>
            <option value="">{t('resolution.wholeCity')}</option>
            {areas.map((option) => (
              <option key={option.key} value={option.key}>
                {option.label}
              </option>
            ))}
          </select>
        </label>
        <button type="submit">{t('resolution.estimate')}</button>
      </form>
      {asked === null ? null : query.isPending ? (
        <p role="status">{t('resolution.working')}</p>
      ) : query.isError ? (
        <p role="alert">
          {t('resolution.estimateFailed', { message: query.error.message })}{' '}
          {isRetryable(query.error) ? (
            <button type="button" onClick={() => void query.refetch()}>
              {t('widget.retry')}
            </button>
          ) : null}
        </p>
      ) : !query.data.available ? (
        <p>{query.data.message}</p>
      ) : query.data.estimate.closed === 0 ? (
        <p>{t('resolution.noneClosed', { type: query.data.estimate.type })}</p>
      ) : !query.data.estimate.enough ? (
        <p data-testid="estimate-too-few">
          {t('resolution.tooFew', {
            count: fmt.count(query.data.estimate.closed),
            type: query.data.estimate.type,
            min: fmt.count(query.data.estimate.minSample),
          })}
        </p>
      ) : (
        <p className="estimate-answer" aria-live="polite">
          {t.rich('resolution.answer', {
            type: query.data.estimate.type,
            basis: query.data.estimate.basis === 'area' ? 'area' : 'city',
            area: query.data.estimate.areaName ?? '',
            p50: fmt.days(query.data.estimate.p50Days),
            p90: fmt.days(query.data.estimate.p90Days),
            count: fmt.count(query.data.estimate.closed),
            fallback: query.data.estimate.basis === 'city' && asked.area ? 'yes' : 'no',
            strong: (chunks) => <strong>{chunks}</strong>,
          })}
        </p>
      )}
    </div>
  );
}

/**
 * A histogram bucket's label in the page's language ("<1 h", "1–2 d", "≥1 y"; "j" and "a" in
 * French): the same edges as lib/resolution-buckets.ts bucketLabel, units from the catalogue.
 */
function bucketLabelIn(bucket: number, fallback: string, t: ChartWords['t']): string {
  let bounds: readonly [number, number];
  try {
    bounds = bucketBounds(bucket);
  } catch {
    return fallback;
  }
  const [lo, hi] = bounds;
  const parts = (hours: number): [string, 'h' | 'd' | 'y'] =>
    hours < 24
      ? [String(hours), 'h']
      : hours / 24 < 365
        ? [String(hours / 24), 'd']
        : [String(hours / 24 / 365), 'y'];
  const text = (hours: number) => {
    const [value, unit] = parts(hours);
    return t('resolution.bucketUnits', { value, unit });
  };
  if (lo === 0) return `<${text(hi)}`;
  if (!Number.isFinite(hi)) return `≥${text(lo)}`;
  const [loValue, loUnit] = parts(lo);
  const [, hiUnit] = parts(hi);
  return loUnit === hiUnit ? `${loValue}–${text(hi)}` : `${text(lo)}–${text(hi)}`;
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
  const cw = useChartWords(city.kind);
  const { t, fmt, nouns } = cw;
  const te = useExportWords();
  const bucketText = (bucket: number, fallback: string) => bucketLabelIn(bucket, fallback, t);
  const options = useQuery({ ...filterOptionsQuery(view), enabled: city.hasResolution });
  const types = options.data?.type.map((o) => o.value) ?? [];
  const query = useQuery({ ...resolutionQuery(view), enabled: city.hasResolution });
  if (!city.hasResolution) return <NoResolutionPanel city={city} />;
  return (
    <ChartWidget
      id="resolution"
      title={t('resolution.title')}
      query={query}
      isEmpty={(data) => data.available && data.summary.closed === 0}
      empty={t('resolution.empty', { many: nouns.many })}
      csv={(data) =>
        buildCsv(data.meta, histogramTable(data.available ? data.histogram : [], te), {}, te)
      }
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
                {t('resolution.ignoredFilters', { filters: data.ignoredFilters.join(', ') })}
              </p>
            ) : null}
            <SummaryList summary={data.summary} city={data.citySummary} cw={cw} kind={city.kind} />
            <figure aria-label={t('resolution.histogram')}>
              <ResponsiveContainer width="100%" height={220}>
                <BarChart
                  data={data.histogram.map((bin) => ({
                    ...bin,
                    label: bucketText(bin.bucket, bin.label),
                  }))}
                  margin={{ top: 8, right: 8, bottom: 24, left: 0 }}
                >
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
                    width={axisWidth(Math.max(0, ...data.histogram.map((b) => b.count)), (v) =>
                      fmt.count(v),
                    )}
                    tickFormatter={(v: number) => fmt.count(v)}
                    tick={{ fontSize: 12 }}
                  />
                  <Tooltip
                    formatter={(v, _n, item) => [
                      `${fmt.count(Number(v))} (${fmt.pct((item.payload as { share: number | null }).share)})`,
                      t('resolution.closed'),
                    ]}
                  />
                  <Bar dataKey="count" fill="#009E73" isAnimationActive={false} />
                </BarChart>
              </ResponsiveContainer>
              <ShareTable
                caption={t('resolution.histogramCaption', { many: nouns.many })}
                labelHeading={t('resolution.title')}
                countHeading={t('resolution.closed')}
                rows={data.histogram.map((bin) => ({
                  key: String(bin.bucket),
                  ...bin,
                  label: bucketText(bin.bucket, bin.label),
                }))}
              />
            </figure>
            <div className="chart-subsection">
              <DownloadCsvButton
                file={() =>
                  buildCsv(data.meta, resolutionByTypeTable(data.byType, city.hasSla, te), {}, te)
                }
                label={t('resolution.downloadByType')}
              />
              <ResolutionTypeTable rows={data.byType} hasSla={city.hasSla} cw={cw} />
            </div>
            {byCategory(data) ? (
              <div className="chart-subsection">
                <DownloadCsvButton
                  file={() =>
                    buildCsv(
                      data.meta,
                      resolutionByCategoryTable(data.byCategory, city.hasSla, te),
                      {},
                      te,
                    )
                  }
                  label={t('resolution.downloadByCategory')}
                />
                <ResolutionTypeTable
                  rows={byCategory(data)!}
                  hasSla={city.hasSla}
                  cw={cw}
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
              cw={cw}
            />
          </>
        )
      }
    </ChartWidget>
  );
}
