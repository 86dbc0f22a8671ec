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
import { CATEGORY_COLORS } from './chart-types';
import type { CitySummary } from '@/lib/api/types';
import { useExportWords } from '@/components/export/use-export-words';
import { monthLabel, useChartWords, type ChartWords } from './use-chart-words';
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

export function TrendsChart({
  data,
  layout,
  cw,
}: {
  data: TrendsResponse;
  layout: TrendLayout;
  cw: ChartWords;
}) {
  const { t, fmt, nouns, words } = cw;
  const monthTick = (month: string) => monthLabel(month, words.locale);
  const formatCount = (value: number) => fmt.count(value);
  const categoryName = (category: string) => words.category(category);
  const { gaps, partial, unusual } = useMemo(() => monthNotes(data.monthInfo), [data]);
  const rows = useMemo(() => pivotTrends(data, gaps), [data, gaps]);
  const max = Math.max(0, ...data.monthInfo.map((t) => t.total ?? 0));
  const notes = (
    <ul className="chart-notes" data-testid="trends-notes">
      {partial ? (
        <li data-testid="partial-month">
          {t('trends.partialNote', { month: monthTick(partial) })}
        </li>
      ) : null}
      {gaps.size ? (
        <li data-testid="gap-months">
          {t('trends.gapNote', {
            count: gaps.size,
            listed: gaps.size <= 6 ? 'yes' : 'no',
            months: [...gaps].map(monthTick).join(', '),
          })}
        </li>
      ) : null}
      {unusual.length ? (
        <li data-testid="coverage-note">
          {t('trends.coverage', {
            months:
              unusual.length <= 6
                ? unusual
                    .map((m) =>
                      t('trends.unusualMonth', {
                        month: monthTick(m.month),
                        more: m.ratio < 1 ? 'no' : 'yes',
                        many: nouns.many,
                        share: fmt.pct(Math.round(m.ratio * 100) / 100, 0),
                      }),
                    )
                    .join('; ')
                : t('trends.unusualMany', { count: unusual.length, many: nouns.many }),
          })}
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
              <figcaption>{categoryName(category)}</figcaption>
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
                  <Tooltip formatter={(v) => [formatCount(Number(v)), categoryName(category)]} />
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
    <figure
      className="trends-figure chart-figure"
      aria-label={t('trends.title', { many: nouns.many })}
    >
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
              label={{ value: t('trends.partial'), position: 'insideTop', fontSize: 11 }}
            />
          ) : null}
          <Tooltip
            formatter={(v, name) => [
              v === null ? t('trends.noData') : formatCount(Number(v)),
              categoryName(String(name)),
            ]}
            labelFormatter={(l) =>
              typeof l === 'string'
                ? l === partial
                  ? t('trends.partialMonth', { month: monthTick(l) })
                  : monthTick(l)
                : ''
            }
          />
          <Legend
            wrapperStyle={{ fontSize: 12 }}
            formatter={(value) => categoryName(String(value))}
          />
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
      <TrendsDataTable data={data} rows={rows} cw={cw} />
    </figure>
  );
}

function TrendsDataTable({
  data,
  rows,
  cw: { t, fmt, words },
}: {
  data: TrendsResponse;
  rows: WideRow[];
  cw: ChartWords;
}) {
  return (
    <details className="chart-data">
      <summary>{t('table.summary')}</summary>
      <div className="table-scroll expanded">
        <table className="table">
          <caption>{t('trends.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('trends.month')}</th>
              {data.categories.map((c) => (
                <th scope="col" key={c} className="num">
                  {words.category(c)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.month}>
                <th scope="row">{monthLabel(row.month, words.locale)}</th>
                {data.categories.map((c) => (
                  <td key={c} className="num">
                    {row[c] === null || row[c] === undefined ? '–' : fmt.count(Number(row[c]))}
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

export const TREND_LAYOUT_LABELS: readonly TrendLayout[] = ['area', 'bar', 'multiples'];

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
  const cw = useChartWords(city.kind);
  const { t, nouns } = cw;
  const te = useExportWords();
  const query = useQuery(trendsQuery(view));
  return (
    <ChartWidget
      id="trends"
      title={t('trends.title', { many: nouns.many })}
      query={query}
      isEmpty={(data) => data.points.every((point) => !point.count)}
      empty={t('trends.empty', { many: nouns.many })}
      csv={(data) => buildCsv(data.meta, trendsTable(data, te), {}, te)}
      controls={
        <fieldset className="chart-toggle">
          <legend className="visually-hidden">{t('trends.layout')}</legend>
          {TREND_LAYOUT_LABELS.map((value) => (
            <label key={value}>
              <input
                type="radio"
                name="trends-layout"
                value={value}
                checked={layout === value}
                onChange={() => onLayout(value)}
              />
              {t(`trends.${value}`)}
            </label>
          ))}
        </fieldset>
      }
    >
      {(data) => <TrendsChart data={data} layout={layout} cw={cw} />}
    </ChartWidget>
  );
}
