'use client';
/** Category → type breakdown (a long sortable table) and channel share (bars with %). */
import { useQuery } from '@tanstack/react-query';
import { Bar, BarChart, LabelList, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { View } from '@/lib/view';
import type { ChannelRow, TypeBreakdownRow } from '@/lib/api/types';
import { buildCsv, channelTable, typeBreakdownTable } from '@/components/export/tables';
import { DataTable, type Column } from '@/components/ui/data-table';
import { breakdownQuery } from '@/lib/api/query-options';
import { CATEGORY_COLORS } from './chart-types';
import type { CitySummary } from '@/lib/api/types';
import { useExportWords } from '@/components/export/use-export-words';
import { useChartWords, type ChartWords } from './use-chart-words';
import { ShareTable } from './share-table';
import { ChartWidget } from './widget';

export function TypeBreakdownTable({ rows, cw }: { rows: TypeBreakdownRow[]; cw: ChartWords }) {
  const { t, fmt, nouns, noun, words } = cw;
  const max = Math.max(1, ...rows.map((row) => row.count));
  const columns: Column<TypeBreakdownRow>[] = [
    {
      key: 'type',
      label: t('table.typeHeading', { noun }),
      value: (r) => r.type,
      rowHeader: true,
    },
    {
      key: 'category',
      label: t('table.category'),
      value: (r) => r.category,
      render: (r) => words.category(r.category),
    },
    {
      key: 'count',
      label: t('table.count'),
      numeric: true,
      value: (r) => r.count,
      render: (r) => (
        <>
          <span className="bar" style={{ width: `${(r.count / max) * 4}rem` }} aria-hidden="true" />
          {fmt.count(r.count)}
        </>
      ),
    },
    {
      key: 'shareOfCategory',
      label: t('breakdown.shareOfCategory'),
      numeric: true,
      value: (r) => r.shareOfCategory,
      render: (r) => fmt.pct(r.shareOfCategory),
    },
    {
      key: 'shareOfTotal',
      label: t('breakdown.shareOfAll'),
      numeric: true,
      value: (r) => r.shareOfTotal,
      render: (r) => fmt.pct(r.shareOfTotal),
    },
  ];
  return (
    <DataTable
      rows={rows}
      columns={columns}
      rowKey={(r) => `${r.category}|${r.type}`}
      initialSort={{ key: 'count', descending: true }}
      caption={t('breakdown.typeCaption', {
        Many: nouns.Many,
        type: nouns.type,
        count: fmt.count(rows.length),
        types: nouns.types,
      })}
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

export function ChannelShareChart({ rows, cw }: { rows: ChannelRow[]; cw: ChartWords }) {
  const { t, fmt, words } = cw;
  const data = rows.map((row) => ({
    ...row,
    name: words.channel(row.channel),
    percent: (row.share ?? 0) * 100,
  }));
  const longest = Math.max(4, ...data.map((row) => row.name.length));
  const labelWidth = Math.min(180, Math.max(72, longest * 7.5));
  return (
    <figure aria-label={t('breakdown.channelFigure')} className="chart-figure">
      <ResponsiveContainer width="100%" height={Math.max(120, rows.length * 32 + 32)}>
        <BarChart data={data} layout="vertical" margin={{ top: 4, right: 56, bottom: 4, left: 4 }}>
          <XAxis
            type="number"
            domain={[0, 100]}
            tickFormatter={(v: number) => fmt.pct(v / 100, 0)}
          />
          <YAxis
            type="category"
            dataKey="name"
            width={labelWidth}
            interval={0}
            tick={{ fontSize: 12 }}
            tickFormatter={(v: string) => (v.length > 24 ? `${v.slice(0, 23)}…` : v)}
          />
          <Tooltip
            formatter={(_v, _n, item) => [
              `${fmt.count((item.payload as ChannelRow).count)} (${fmt.pct((item.payload as ChannelRow).share)})`,
              t('table.count'),
            ]}
          />
          <Bar dataKey="percent" fill={CATEGORY_COLORS[0]} isAnimationActive={false} barSize={18}>
            <LabelList
              dataKey="percent"
              position="right"
              formatter={(v) => fmt.pct(Number(v) / 100, 1)}
            />
          </Bar>
        </BarChart>
      </ResponsiveContainer>
      <ShareTable
        caption={t('breakdown.channelFigure')}
        labelHeading={t('breakdown.channel')}
        countHeading={t('table.count')}
        rows={rows.map((row) => ({ key: row.channel, ...row, label: words.channel(row.channel) }))}
      />
    </figure>
  );
}

export function TypeBreakdownWidget({ view, city }: { view: View; city: CitySummary }) {
  const cw = useChartWords(city.kind);
  const { t, nouns } = cw;
  const te = useExportWords();
  const query = useQuery(breakdownQuery(view, 'type'));
  return (
    <ChartWidget
      id="breakdown-type"
      title={t('breakdown.typeTitle', { Many: nouns.Many, type: nouns.type })}
      query={query}
      isEmpty={(data) => data.rows.length === 0}
      empty={t('widget.noneMatch', { many: nouns.many })}
      csv={(data) =>
        buildCsv(
          data.meta,
          typeBreakdownTable(data.dimension === 'type' ? data.rows : [], te),
          {},
          te,
        )
      }
    >
      {(data) =>
        data.dimension === 'type' ? (
          <>
            <CategoryStrip rows={data.rows} cw={cw} />
            <TypeBreakdownTable rows={data.rows} cw={cw} />
          </>
        ) : null
      }
    </ChartWidget>
  );
}

function CategoryStrip({ rows, cw }: { rows: TypeBreakdownRow[]; cw: ChartWords }) {
  const { t, fmt, words } = cw;
  const categories = categoryRows(rows).sort((a, b) => b.count - a.count);
  const columns: Column<(typeof categories)[number]>[] = [
    {
      key: 'category',
      label: t('table.category'),
      value: (r) => r.category,
      render: (r) => words.category(r.category),
      rowHeader: true,
    },
    {
      key: 'types',
      label: t('breakdown.types'),
      numeric: true,
      value: (r) => r.types,
      render: (r) => fmt.count(r.types),
    },
    {
      key: 'count',
      label: t('table.count'),
      numeric: true,
      value: (r) => r.count,
      render: (r) => fmt.count(r.count),
    },
    {
      key: 'share',
      label: t('table.share'),
      numeric: true,
      value: (r) => r.share,
      render: (r) => fmt.pct(r.share),
    },
  ];
  return (
    <DataTable
      rows={categories}
      columns={columns}
      rowKey={(r) => r.category}
      initialSort={{ key: 'count', descending: true }}
      caption={t('breakdown.categoryCaption', { count: fmt.count(categories.length) })}
      top={6}
      testId="category-table"
    />
  );
}

export function ChannelShareWidget({ view, city }: { view: View; city: CitySummary }) {
  const cw = useChartWords(city.kind);
  const { t, nouns, words } = cw;
  const te = useExportWords();
  const query = useQuery({ ...breakdownQuery(view, 'channel'), enabled: city.hasChannel });
  if (!city.hasChannel) {
    return (
      <section className="chart-widget" data-widget="breakdown-channel">
        <header className="chart-widget-header">
          <h3>{t('breakdown.channelTitle', { many: nouns.many })}</h3>
        </header>
        <p className="chart-unavailable" data-testid="channel-unavailable">
          {words.t('channelNotPublished')}
        </p>
      </section>
    );
  }
  return (
    <ChartWidget
      id="breakdown-channel"
      title={t('breakdown.channelTitle', { many: nouns.many })}
      query={query}
      isEmpty={(data) => data.rows.length === 0}
      empty={t('widget.noneMatch', { many: nouns.many })}
      csv={(data) =>
        buildCsv(data.meta, channelTable(data.dimension === 'channel' ? data.rows : [], te), {}, te)
      }
    >
      {(data) =>
        data.dimension === 'channel' ? <ChannelShareChart rows={data.rows} cw={cw} /> : null
      }
    </ChartWidget>
  );
}
