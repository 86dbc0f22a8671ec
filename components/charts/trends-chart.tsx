'use client';
/**
 * Monthly volume by category: stacked areas or bars, or one small chart per category. Months
 * with no data are gaps, a partial last month is marked, and months far from the others are
 * named beside the chart.
 */
import { useMemo } from 'react';
import { useQuery } from '@tanstack/react-query';
import {
  Area,
  AreaChart,
  Bar,
  BarChart,
  CartesianGrid,
  Legend,
  ReferenceArea,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import type { View } from '@/lib/view';
import type { TrendsResponse } from '@/lib/api/types';
import { buildCsv, trendsTable } from '@/components/export/tables';
import type { TrendLayout } from '@/components/dashboard/ui-state';
import { trendsQuery } from '@/lib/api/query-options';
import { CATEGORY_COLORS, formatCount } from './chart-types';
import { nounsFor, type Nouns } from '@/lib/api/texts';
import type { CitySummary } from '@/lib/api/types';
import { axisWidth, monthNotes } from './chart-honesty';
import { ChartWidget } from './widget';

type WideRow = { month: string } & Record<string, number | string | null>;

export function pivotTrends(data: TrendsResponse, gaps: ReadonlySet<string>): WideRow[] {
  const rows = new Map<string, WideRow>();
  for (const month of data.months) rows.set(month, { month });
  for (const point of data.points) {
    const row = rows.get(point.month);
    if (row) row[point.category] = gaps.has(point.month) ? null : point.count;
  }
  return [...rows.values()];
}

const monthTick = (month: string) => month.slice(0, 7);

export function TrendsChart({
  data,
  layout,
  nouns,
}: {
  data: TrendsResponse;
  layout: TrendLayout;
  nouns: Nouns;
}) {
  const { gaps, partial, unusual } = useMemo(() => monthNotes(data.monthInfo), [data]);
  const rows = useMemo(() => pivotTrends(data, gaps), [data, gaps]);
  const max = Math.max(0, ...data.monthInfo.map((t) => t.total ?? 0));
  const notes = (
    <ul className="chart-notes" data-testid="trends-notes">
      {partial ? (
        <li data-testid="partial-month">
          {monthTick(partial)} is partial: the data runs only part-way through that month, so its
          drop is not real (shaded).
        </li>
      ) : null}
      {gaps.size ? (
        <li data-testid="gap-months">
          {gaps.size} {gaps.size === 1 ? 'month has' : 'months have'} no data at all and{' '}
          {gaps.size === 1 ? 'is' : 'are'} left as a gap, not drawn as zero
          {gaps.size <= 6 ? ` (${[...gaps].map(monthTick).join(', ')})` : ''}.
        </li>
      ) : null}
      {unusual.length ? (
        <li data-testid="coverage-note">
          {unusual.length <= 6
            ? unusual
                .map(
                  (m) =>
                    `${monthTick(m.month)} holds ${m.ratio < 1 ? 'far fewer' : 'far more'} ${nouns.many} (${Math.round(m.ratio * 100)}% of a typical month)`,
                )
                .join('; ')
            : `${unusual.length} months hold far fewer or far more ${nouns.many} than a typical month`}
          : probably the file&apos;s coverage, not the city.
        </li>
      ) : null}
    </ul>
  );
  const hasNotes = partial || gaps.size || unusual.length;

  if (layout === 'multiples') {
    return (
      <>
        {hasNotes ? notes : null}
        <div className="small-multiples">
          {data.categories.map((category, i) => (
            <figure key={category} className="small-multiple">
              <figcaption>{category}</figcaption>
              <ResponsiveContainer width="100%" height={110}>
                <AreaChart data={rows} margin={{ top: 4, right: 4, bottom: 0, left: 0 }}>
                  <XAxis dataKey="month" tickFormatter={monthTick} hide />
                  <YAxis
                    width={axisWidth(
                      Math.max(0, ...rows.map((r) => Number(r[category] ?? 0))),
                      formatCount,
                    )}
                    tickFormatter={(v: number) => formatCount(v)}
                    tick={{ fontSize: 11 }}
                  />
                  <Tooltip formatter={(v) => [formatCount(Number(v)), category]} />
                  <Area
                    dataKey={category}
                    stroke={CATEGORY_COLORS[i % CATEGORY_COLORS.length]}
                    fill={CATEGORY_COLORS[i % CATEGORY_COLORS.length]}
                    fillOpacity={0.3}
                    connectNulls={false}
                    isAnimationActive={false}
                  />
                </AreaChart>
              </ResponsiveContainer>
            </figure>
          ))}
        </div>
      </>
    );
  }
  const Chart = layout === 'bar' ? BarChart : AreaChart;
  return (
    <figure className="trends-figure chart-figure" aria-label={`Monthly ${nouns.many} by category`}>
      <ResponsiveContainer width="100%" height={260}>
        <Chart data={rows} margin={{ top: 8, right: 12, bottom: 0, left: 0 }}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis
            dataKey="month"
            tickFormatter={monthTick}
            minTickGap={16}
            tick={{ fontSize: 12 }}
          />
          <YAxis
            width={axisWidth(max, formatCount)}
            tickFormatter={(v: number) => formatCount(v)}
            tick={{ fontSize: 12 }}
          />
          {partial ? (
            <ReferenceArea
              x1={partial}
              x2={partial}
              fill="#9ca3af"
              fillOpacity={0.25}
              ifOverflow="extendDomain"
              label={{ value: 'partial', position: 'insideTop', fontSize: 11 }}
            />
          ) : null}
          <Tooltip
            formatter={(v, name) => [v === null ? 'no data' : formatCount(Number(v)), String(name)]}
            labelFormatter={(l) =>
              typeof l === 'string' ? `${monthTick(l)}${l === partial ? ' (partial)' : ''}` : ''
            }
          />
          <Legend wrapperStyle={{ fontSize: 12 }} />
          {data.categories.map((category, i) => {
            const color = CATEGORY_COLORS[i % CATEGORY_COLORS.length];
            return layout === 'bar' ? (
              <Bar
                key={category}
                dataKey={category}
                stackId="1"
                fill={color}
                isAnimationActive={false}
              />
            ) : (
              <Area
                key={category}
                dataKey={category}
                stackId="1"
                stroke={color}
                fill={color}
                fillOpacity={0.7}
                connectNulls={false}
                isAnimationActive={false}
              />
            );
          })}
        </Chart>
      </ResponsiveContainer>
      {hasNotes ? notes : null}
      <TrendsDataTable data={data} rows={rows} />
    </figure>
  );
}

function TrendsDataTable({ data, rows }: { data: TrendsResponse; rows: WideRow[] }) {
  return (
    <details className="chart-data">
      <summary>Data as a table</summary>
      <div className="table-scroll expanded">
        <table className="table">
          <caption>Monthly counts by category</caption>
          <thead>
            <tr>
              <th scope="col">Month</th>
              {data.categories.map((c) => (
                <th scope="col" key={c} className="num">
                  {c}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.month}>
                <th scope="row">{monthTick(row.month)}</th>
                {data.categories.map((c) => (
                  <td key={c} className="num">
                    {row[c] === null || row[c] === undefined ? '–' : formatCount(Number(row[c]))}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </details>
  );
}

export const TREND_LAYOUT_LABELS: [TrendLayout, string][] = [
  ['area', 'Stacked area'],
  ['bar', 'Stacked bars'],
  ['multiples', 'Small multiples'],
];

export function TrendsWidget({
  view,
  city,
  layout,
  onLayout,
}: {
  view: View;
  city: CitySummary;
  layout: TrendLayout;
  onLayout: (layout: TrendLayout) => void;
}) {
  const nouns = nounsFor(city.kind);
  const query = useQuery(trendsQuery(view));
  return (
    <ChartWidget
      id="trends"
      title={`Monthly ${nouns.many} by category`}
      query={query}
      isEmpty={(data) => data.points.every((point) => !point.count)}
      empty={`No ${nouns.many} in these months.`}
      csv={(data) => buildCsv(data.meta, trendsTable(data))}
      controls={
        <fieldset className="chart-toggle">
          <legend className="visually-hidden">Layout</legend>
          {TREND_LAYOUT_LABELS.map(([value, label]) => (
            <label key={value}>
              <input
                type="radio"
                name="trends-layout"
                value={value}
                checked={layout === value}
                onChange={() => onLayout(value)}
              />
              {label}
            </label>
          ))}
        </fieldset>
      }
    >
      {(data) => <TrendsChart data={data} layout={layout} nouns={nouns} />}
    </ChartWidget>
  );
}
