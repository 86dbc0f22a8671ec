/**
 * Seasonal heatmap: request type × month of year (or season) for the city or the selected
 * area, coloured by each cell's share of its type's total so rows are comparable; the top
 * types of each season; and, for one picked type, the areas with the most of it.
 * The shaping functions are pure and unit-tested; `getHeatmap` is the one query per widget.
 */
import 'server-only';
import { z } from 'zod';
import { count, numberOrNull, queryRows, text, textOrNull } from './rows';
import type { View } from '@/lib/view';
import type { Warehouse } from '@/lib/warehouse/types';
import { buildFilters, raw, sql } from './filters-sql';
import { chooseAreaMonthMart, hasPreAggregates } from './mart-choice';
import {
  SEASON_MONTHS,
  shapeHeatmap,
  shapeTopBySeason,
  type HeatmapMode,
  type Season,
  type TypeMonthCount,
} from '@/lib/heatmap-shape';
import type { HeatmapResponse, RankedArea } from '@/lib/api/types';
import {
  getChartContext,
  num,
  ratio,
  round,
  scopeOf,
  str,
  type ChartContext,
} from './chart-context';

async function queryTypeMonthCounts(
  wh: Warehouse,
  context: ChartContext,
): Promise<TypeMonthCount[]> {
  const table = chooseAreaMonthMart(context.view, {
    groupBy: ['type', 'category'],
    preAggregates: hasPreAggregates(wh),
  });
  const where = buildFilters(context.view, { range: context.range, ...scopeOf(context), table });
  const query = sql`select type, min(category) as category, extract(month from month) as month_of_year, sum(opened) as n
    from ${raw(table)} where ${where} group by type, month_of_year`;
  const rows = await queryRows(wh, query, {
    type: text,
    category: text,
    month_of_year: z.number().int(),
    n: count,
  });
  return rows.map((row) => ({
    type: str(row.type),
    category: str(row.category),
    monthOfYear: num(row.month_of_year),
    count: num(row.n),
  }));
}

async function queryRankedAreas(
  wh: Warehouse,
  context: ChartContext,
  type: string,
  season: Season | null,
): Promise<RankedArea[]> {
  const table = chooseAreaMonthMart(context.view, {
    groupBy: ['type'],
    omit: ['type'],
    preAggregates: hasPreAggregates(wh),
  });
  const where = buildFilters(context.view, {
    range: context.range,
    level: context.meta.level,
    alias: 'm',
    omit: ['type'],
    table,
  });
  const [a = 0, b = 0, c = 0] = season ? SEASON_MONTHS[season] : [];
  const months = season ? sql` and extract(month from m.month) in (${a}, ${b}, ${c})` : sql``;
  const query = sql`select m.area_key, min(a.area_name) as area_name, min(a.population) as population, sum(m.opened) as n
    from ${raw(table)} m
    left join dim_area a on a.city = m.city and a.level = m.level and a.area_key = m.area_key
    where ${where} and m.type = ${type}${months}
    group by m.area_key
    having sum(m.opened) > 0
    order by n desc, m.area_key`;
  const rows = await queryRows(wh, query, {
    area_key: text,
    area_name: textOrNull,
    population: numberOrNull,
    n: count,
  });
  const total = rows.reduce((sum, row) => sum + num(row.n), 0);
  return rows.map((row, i) => {
    const count = num(row.n);
    const population =
      typeof row.population === 'number' && row.population > 0 ? row.population : null;
    return {
      rank: i + 1,
      areaKey: str(row.area_key),
      areaName: str(row.area_name) || str(row.area_key),
      count,
      share: ratio(count, total),
      per1000: population ? round((count / population) * 1000) : null,
    };
  });
}

export interface HeatmapParams {
  mode: HeatmapMode;
  topN: number;
  rankType?: string;
  season?: Season;
}

export async function getHeatmap(
  wh: Warehouse,
  view: View,
  params: HeatmapParams,
): Promise<HeatmapResponse> {
  const context = await getChartContext(wh, view);
  const [counts, ranked] = await Promise.all([
    queryTypeMonthCounts(wh, context),
    params.rankType
      ? queryRankedAreas(wh, context, params.rankType, params.season ?? null)
      : Promise.resolve(null),
  ]);
  const grid = shapeHeatmap(counts, params.mode, params.topN);
  return {
    meta: context.meta,
    mode: params.mode,
    topN: params.topN,
    ...grid,
    topBySeason: shapeTopBySeason(counts, params.topN),
    ranked:
      params.rankType && ranked
        ? { type: params.rankType, season: params.season ?? null, areas: ranked }
        : null,
  };
}
