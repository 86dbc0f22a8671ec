'use client';
/** Monthly volume by category: stacked areas or bars, or one small chart per category. */
import { useMemo, useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import {
  Area,
  AreaChart,
  Bar,
  BarChart,
  CartesianGrid,
  Legend,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import type { View } from '@/lib/view';
import type { TrendsResponse } from '@/lib/api/types';
import { buildCsv, trendsTable } from '@/components/export/tables';
import { trendsQuery } from '@/lib/api/query-options';
import type { CitySummary } from '@/lib/api/types';
import { nounsFor, type Nouns } from '@/lib/api/texts';
import { CATEGORY_COLORS, formatCount } from './chart-types';
import { ChartWidget } from './widget';

type Layout = 'area' | 'bar' | 'multiples';

type WideRow = { month: string } & Record<string, number | string | null>;

export function pivotTrends(data: TrendsResponse): WideRow[] {
  const rows = new Map<string, WideRow>();
  for (const month of data.months) rows.set(month, { month });
  for (const point of data.points) {
    const row = rows.get(point.month);
    if (row) row[point.category] = point.count;
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
  layout: Layout;
  nouns: Nouns;
}) {
  const rows = useMemo(() => pivotTrends(data), [data]);
  if (layout === 'multiples') {
    return (
      <div className="small-multiples">
        {data.categories.map((category, i) => (
          <figure key={category} className="small-multiple">
            <figcaption>{category}</figcaption>
            <ResponsiveContainer width="100%" height={110}>
              <AreaChart data={rows} margin={{ top: 4, right: 4, bottom: 0, left: 0 }}>
                <XAxis dataKey="month" tickFormatter={monthTick} hide />
                <YAxis width={40} tickFormatter={(v: number) => formatCount(v)} />
                <Tooltip formatter={(v) => [formatCount(Number(v)), category]} />
                <Area
                  dataKey={category}
                  stroke={CATEGORY_COLORS[i % CATEGORY_COLORS.length]}
                  fill={CATEGORY_COLORS[i % CATEGORY_COLORS.length]}
                  fillOpacity={0.3}
                  isAnimationActive={false}
                />
              </AreaChart>
            </ResponsiveContainer>
          </figure>
        ))}
      </div>
    );
  }
  const Chart = layout === 'bar' ? BarChart : AreaChart;
  return (
    <figure className="trends-figure" aria-label={`Monthly ${nouns.many} by category`}>
      <ResponsiveContainer width="100%" height={280}>
        <Chart data={rows} margin={{ top: 8, right: 8, bottom: 0, left: 0 }}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="month" tickFormatter={monthTick} />
          <YAxis width={56} tickFormatter={(v: number) => formatCount(v)} />
          <Tooltip
            formatter={(v, name) => [formatCount(Number(v)), String(name)]}
            labelFormatter={(l) => (typeof l === 'string' ? monthTick(l) : '')}
          />
          <Legend />
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
                isAnimationActive={false}
              />
            );
          })}
        </Chart>
      </ResponsiveContainer>
    </figure>
  );
}

export function TrendsWidget({ view, city }: { view: View; city: CitySummary }) {
  const nouns = nounsFor(city.kind);
  const [layout, setLayout] = useState<Layout>('area');
  const query = useQuery(trendsQuery(view));
  return (
    <ChartWidget
      id="trends"
      title={`Monthly ${nouns.many} by category`}
      query={query}
      isEmpty={(data) => data.points.every((point) => point.count === 0)}
      empty={`No ${nouns.many} in these months.`}
      csv={(data) => buildCsv(data.meta, trendsTable(data))}
      controls={
        <fieldset className="chart-toggle">
          <legend className="visually-hidden">Layout</legend>
          {(
            [
              ['area', 'Stacked area'],
              ['bar', 'Stacked bars'],
              ['multiples', 'Small multiples'],
            ] as const
          ).map(([value, label]) => (
            <label key={value}>
              <input
                type="radio"
                name="trends-layout"
                value={value}
                checked={layout === value}
                onChange={() => setLayout(value)}
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
