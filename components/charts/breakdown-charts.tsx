'use client';
/** Category → type breakdown (sortable table with bars) and channel share (bars with %). */
import { useMemo, useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Bar, BarChart, LabelList, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { View } from '@/lib/view';
import type { ChannelRow, TypeBreakdownRow } from '@/lib/api/types';
import { buildCsv, channelTable, typeBreakdownTable } from '@/components/export/tables';
import { breakdownQuery } from '@/lib/api/query-options';
import type { CitySummary } from '@/lib/api/types';
import { CHANNEL_NOT_PUBLISHED_TEXT, nounsFor, type Nouns } from '@/lib/api/texts';
import { formatCount, formatPct } from './chart-types';
import { ChartWidget } from './widget';

type SortKey = 'category' | 'type' | 'count';

export function sortBreakdown(
  rows: readonly TypeBreakdownRow[],
  key: SortKey,
  ascending: boolean,
): TypeBreakdownRow[] {
  const sign = ascending ? 1 : -1;
  return [...rows].sort((a, b) => {
    const order = key === 'count' ? a.count - b.count : a[key].localeCompare(b[key]);
    return sign * order || b.count - a.count;
  });
}

export function TypeBreakdownTable({ rows, nouns }: { rows: TypeBreakdownRow[]; nouns: Nouns }) {
  const [sort, setSort] = useState<{ key: SortKey; ascending: boolean }>({
    key: 'count',
    ascending: false,
  });
  const sorted = useMemo(() => sortBreakdown(rows, sort.key, sort.ascending), [rows, sort]);
  const max = Math.max(1, ...rows.map((row) => row.count));
  const header = (key: SortKey, label: string) => (
    <th
      scope="col"
      aria-sort={sort.key === key ? (sort.ascending ? 'ascending' : 'descending') : 'none'}
    >
      <button
        type="button"
        onClick={() =>
          setSort({ key, ascending: sort.key === key ? !sort.ascending : key !== 'count' })
        }
      >
        {label}
      </button>
    </th>
  );
  return (
    <div className="breakdown-scroll">
      <table className="breakdown">
        <thead>
          <tr>
            {header('category', 'Category')}
            {header('type', nouns.type === 'type' ? 'Type' : 'Offence')}
            {header('count', 'Count')}
            <th scope="col">Share of category</th>
            <th scope="col">Share of all</th>
          </tr>
        </thead>
        <tbody>
          {sorted.map((row) => (
            <tr key={`${row.category}|${row.type}`}>
              <td>{row.category}</td>
              <th scope="row">{row.type}</th>
              <td>
                <span
                  className="bar"
                  style={{ width: `${(row.count / max) * 80}px` }}
                  aria-hidden="true"
                />{' '}
                {formatCount(row.count)}
              </td>
              <td>{formatPct(row.shareOfCategory)}</td>
              <td>{formatPct(row.shareOfTotal)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function ChannelShareChart({ rows }: { rows: ChannelRow[] }) {
  const data = rows.map((row) => ({ ...row, percent: (row.share ?? 0) * 100 }));
  return (
    <figure aria-label="Share by channel">
      <ResponsiveContainer width="100%" height={Math.max(120, rows.length * 34)}>
        <BarChart data={data} layout="vertical" margin={{ top: 4, right: 56, bottom: 4, left: 8 }}>
          <XAxis type="number" domain={[0, 100]} tickFormatter={(v: number) => `${v}%`} />
          <YAxis type="category" dataKey="channel" width={110} />
          <Tooltip
            formatter={(_v, _n, item) => [
              `${formatCount((item.payload as ChannelRow).count)} (${formatPct((item.payload as ChannelRow).share)})`,
              'Count',
            ]}
          />
          <Bar dataKey="percent" fill="#0072B2" isAnimationActive={false}>
            <LabelList
              dataKey="percent"
              position="right"
              formatter={(v) => `${Number(v).toFixed(1)}%`}
            />
          </Bar>
        </BarChart>
      </ResponsiveContainer>
      <table className="visually-hidden">
        <caption>Share by channel</caption>
        <tbody>
          {rows.map((row) => (
            <tr key={row.channel}>
              <th scope="row">{row.channel}</th>
              <td>{formatCount(row.count)}</td>
              <td>{formatPct(row.share)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}

export function TypeBreakdownWidget({ view, city }: { view: View; city: CitySummary }) {
  const nouns = nounsFor(city.kind);
  const query = useQuery(breakdownQuery(view, 'type'));
  return (
    <ChartWidget
      id="breakdown-type"
      title={`${nouns.Many} by category and ${nouns.type}`}
      query={query}
      isEmpty={(data) => data.rows.length === 0}
      empty={`No ${nouns.many} match these filters.`}
      csv={(data) =>
        buildCsv(data.meta, typeBreakdownTable(data.dimension === 'type' ? data.rows : []))
      }
    >
      {(data) =>
        data.dimension === 'type' ? <TypeBreakdownTable rows={data.rows} nouns={nouns} /> : null
      }
    </ChartWidget>
  );
}

export function ChannelShareWidget({ view, city }: { view: View; city: CitySummary }) {
  const nouns = nounsFor(city.kind);
  const query = useQuery({ ...breakdownQuery(view, 'channel'), enabled: city.hasChannel });
  if (!city.hasChannel) {
    return (
      <section className="chart-widget" data-widget="breakdown-channel">
        <header className="chart-widget-header">
          <h3>How {nouns.many} arrive (channel)</h3>
        </header>
        <p className="chart-unavailable" data-testid="channel-unavailable">
          {CHANNEL_NOT_PUBLISHED_TEXT}
        </p>
      </section>
    );
  }
  return (
    <ChartWidget
      id="breakdown-channel"
      title={`How ${nouns.many} arrive (channel)`}
      query={query}
      isEmpty={(data) => data.rows.length === 0}
      empty={`No ${nouns.many} match these filters.`}
      csv={(data) =>
        buildCsv(data.meta, channelTable(data.dimension === 'channel' ? data.rows : []))
      }
    >
      {(data) => (data.dimension === 'channel' ? <ChannelShareChart rows={data.rows} /> : null)}
    </ChartWidget>
  );
}
