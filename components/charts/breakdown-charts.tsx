'use client';
/** Category → type breakdown (a long sortable table) and channel share (bars with %). */
import { useQuery } from '@tanstack/react-query';
import { Bar, BarChart, LabelList, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { View } from '@/lib/view';
import type { ChannelRow, TypeBreakdownRow } from '@/lib/api/types';
import { buildCsv, channelTable, typeBreakdownTable } from '@/components/export/tables';
import { DataTable, type Column } from '@/components/ui/data-table';
import { breakdownQuery } from '@/lib/api/query-options';
import { CATEGORY_COLORS, formatCount, formatPct } from './chart-types';
import { CHANNEL_NOT_PUBLISHED_TEXT, nounsFor, type Nouns } from '@/lib/api/texts';
import type { CitySummary } from '@/lib/api/types';
import { ShareTable } from './share-table';
import { ChartWidget } from './widget';

export function TypeBreakdownTable({ rows, nouns }: { rows: TypeBreakdownRow[]; nouns: Nouns }) {
  const max = Math.max(1, ...rows.map((row) => row.count));
  const columns: Column<TypeBreakdownRow>[] = [
    {
      key: 'type',
      label: nouns.type === 'type' ? 'Type' : 'Offence',
      value: (r) => r.type,
      rowHeader: true,
    },
    { key: 'category', label: 'Category', value: (r) => r.category },
    {
      key: 'count',
      label: 'Count',
      numeric: true,
      value: (r) => r.count,
      render: (r) => (
        <>
          <span className="bar" style={{ width: `${(r.count / max) * 4}rem` }} aria-hidden="true" />
          {formatCount(r.count)}
        </>
      ),
    },
    {
      key: 'shareOfCategory',
      label: 'Share of category',
      numeric: true,
      value: (r) => r.shareOfCategory,
      render: (r) => formatPct(r.shareOfCategory),
    },
    {
      key: 'shareOfTotal',
      label: 'Share of all',
      numeric: true,
      value: (r) => r.shareOfTotal,
      render: (r) => formatPct(r.shareOfTotal),
    },
  ];
  return (
    <DataTable
      rows={rows}
      columns={columns}
      rowKey={(r) => `${r.category}|${r.type}`}
      initialSort={{ key: 'count', descending: true }}
      caption={`${nouns.Many} by ${nouns.type} and category (${rows.length} ${nouns.types})`}
      testId="breakdown-table"
      className="breakdown"
    />
  );
}

/** Category totals, from the type rows (the parts add up to the whole by construction). */
export function categoryRows(rows: readonly TypeBreakdownRow[]) {
  const total = rows.reduce((sum, r) => sum + r.count, 0);
  const byCategory = new Map<string, { category: string; count: number; types: number }>();
  for (const row of rows) {
    const entry = byCategory.get(row.category) ?? { category: row.category, count: 0, types: 0 };
    entry.count += row.count;
    entry.types += 1;
    byCategory.set(row.category, entry);
  }
  return [...byCategory.values()].map((entry) => ({
    ...entry,
    share: total > 0 ? entry.count / total : null,
  }));
}

export function ChannelShareChart({ rows }: { rows: ChannelRow[] }) {
  const data = rows.map((row) => ({ ...row, percent: (row.share ?? 0) * 100 }));
  const longest = Math.max(4, ...rows.map((row) => row.channel.length));
  const labelWidth = Math.min(180, Math.max(72, longest * 7.5));
  return (
    <figure aria-label="Share by channel" className="chart-figure">
      <ResponsiveContainer width="100%" height={Math.max(120, rows.length * 32 + 32)}>
        <BarChart data={data} layout="vertical" margin={{ top: 4, right: 56, bottom: 4, left: 4 }}>
          <XAxis type="number" domain={[0, 100]} tickFormatter={(v: number) => `${v}%`} />
          <YAxis
            type="category"
            dataKey="channel"
            width={labelWidth}
            interval={0}
            tick={{ fontSize: 12 }}
            tickFormatter={(v: string) => (v.length > 24 ? `${v.slice(0, 23)}…` : v)}
          />
          <Tooltip
            formatter={(_v, _n, item) => [
              `${formatCount((item.payload as ChannelRow).count)} (${formatPct((item.payload as ChannelRow).share)})`,
              'Count',
            ]}
          />
          <Bar dataKey="percent" fill={CATEGORY_COLORS[0]} isAnimationActive={false} barSize={18}>
            <LabelList
              dataKey="percent"
              position="right"
              formatter={(v) => `${Number(v).toFixed(1)}%`}
            />
          </Bar>
        </BarChart>
      </ResponsiveContainer>
      <ShareTable
        caption="Share by channel"
        labelHeading="Channel"
        countHeading="Count"
        rows={rows.map((row) => ({ key: row.channel, label: row.channel, ...row }))}
      />
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
        data.dimension === 'type' ? (
          <>
            <CategoryStrip rows={data.rows} />
            <TypeBreakdownTable rows={data.rows} nouns={nouns} />
          </>
        ) : null
      }
    </ChartWidget>
  );
}

function CategoryStrip({ rows }: { rows: TypeBreakdownRow[] }) {
  const categories = categoryRows(rows).sort((a, b) => b.count - a.count);
  const columns: Column<(typeof categories)[number]>[] = [
    { key: 'category', label: 'Category', value: (r) => r.category, rowHeader: true },
    { key: 'types', label: 'Types', numeric: true, value: (r) => r.types },
    {
      key: 'count',
      label: 'Count',
      numeric: true,
      value: (r) => r.count,
      render: (r) => formatCount(r.count),
    },
    {
      key: 'share',
      label: 'Share',
      numeric: true,
      value: (r) => r.share,
      render: (r) => formatPct(r.share),
    },
  ];
  return (
    <DataTable
      rows={categories}
      columns={columns}
      rowKey={(r) => r.category}
      initialSort={{ key: 'count', descending: true }}
      caption={`By category (${categories.length})`}
      top={6}
      testId="category-table"
    />
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
