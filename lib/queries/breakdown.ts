/**
 * Breakdowns of the view's volume: category → type (with each type's share of its category and
 * of the whole), or by intake channel with percentages.
 */
import 'server-only';
import { count, queryRows, text } from './rows';
import type { View } from '@/lib/view';
import { CHANNEL_NOT_PUBLISHED } from '@/lib/categories';
import type { Warehouse } from '@/lib/warehouse/types';
import { buildFilters, raw, sql } from './filters-sql';
import { chooseAreaMonthMart, hasPreAggregates } from './mart-choice';
import { CHANNEL_NOT_PUBLISHED_TEXT } from '@/lib/api/texts';
import type { BreakdownDimension, BreakdownResponse } from '@/lib/api/types';
import { getChartContext, num, ratio, scopeOf, str } from './chart-context';

export const BREAKDOWN_DIMENSIONS = [
  'type',
  'channel',
] as const satisfies readonly BreakdownDimension[];

export async function getBreakdown(
  wh: Warehouse,
  view: View,
  params: { dimension: BreakdownDimension },
): Promise<BreakdownResponse> {
  const context = await getChartContext(wh, view);
  const table = chooseAreaMonthMart(view, {
    groupBy: params.dimension === 'channel' ? ['channel'] : ['type', 'category'],
    preAggregates: hasPreAggregates(wh),
  });
  const where = buildFilters(view, { range: context.range, ...scopeOf(context), table });
  if (params.dimension === 'channel') {
    if (!context.meta.hasChannel) {
      return {
        meta: context.meta,
        dimension: 'channel',
        available: false,
        message: CHANNEL_NOT_PUBLISHED_TEXT,
        total: 0,
        rows: [],
      };
    }
    const query = sql`select channel, sum(opened) as n from ${raw(table)} where ${where}
      group by channel having sum(opened) > 0 order by n desc, channel`;
    const rows = await queryRows(wh, query, { channel: text, n: count });
    const total = rows.reduce((sum, row) => sum + num(row.n), 0);
    return {
      meta: context.meta,
      dimension: 'channel',
      available: true,
      message: null,
      total,
      rows: rows.map((row) => ({
        channel: str(row.channel) || CHANNEL_NOT_PUBLISHED,
        count: num(row.n),
        share: ratio(num(row.n), total),
      })),
    };
  }
  const query = sql`select category, type, sum(opened) as n from ${raw(table)} where ${where}
    group by category, type having sum(opened) > 0 order by n desc, category, type`;
  const rows = await queryRows(wh, query, { category: text, type: text, n: count });
  const total = rows.reduce((sum, row) => sum + num(row.n), 0);
  const byCategory = new Map<string, number>();
  for (const row of rows) {
    byCategory.set(str(row.category), (byCategory.get(str(row.category)) ?? 0) + num(row.n));
  }
  return {
    meta: context.meta,
    dimension: 'type',
    total,
    rows: rows.map((row) => ({
      category: str(row.category) || 'Unknown',
      type: str(row.type),
      count: num(row.n),
      shareOfCategory: ratio(num(row.n), byCategory.get(str(row.category)) ?? 0),
      shareOfTotal: ratio(num(row.n), total),
    })),
  };
}
