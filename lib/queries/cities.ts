/**
 * The city list (registry joined with dim_city) and each city's filter values. One function per
 * widget: getCities for the city picker, getFilterOptions for the filter bar.
 */
import 'server-only';
import { getCity, loadCities } from '@/lib/cities';
import { NotFoundError } from '@/lib/api/errors';
import type {
  CitiesResponse,
  CitySummary,
  FilterOption,
  FilterOptionsResponse,
  LevelAvailability,
} from '@/lib/api/types';
import { nounFor } from '@/lib/api/texts';
import type { View } from '@/lib/view';
import { getChartContext } from './chart-context';
import type { Warehouse } from '@/lib/warehouse/types';
import { z } from 'zod';
import { buildFilters, CITY_LEVEL, raw, sql, type MonthRange } from './filters-sql';
import { chooseAreaMonthMart, hasPreAggregates } from './mart-choice';
import { count, flag, isoDateOrNull, numberOrNull, queryRows, text, textOrNull } from './rows';

import type { DimCityRow } from '@/lib/view/city-summary';
import { toCitySummary } from '@/lib/view/city-summary';

export { supportedMetrics, toCitySummary, hasChannelColumn } from '@/lib/view/city-summary';

/** dim_city joined with what the app derives from the data (latest opening, previous month). */
const DIM_CITY_ROW = {
  city: z.string(),
  has_resolution: flag,
  has_sla: flag,
  first_month: isoDateOrNull,
  last_month: isoDateOrNull,
  last_opened: isoDateOrNull,
  previous_month: isoDateOrNull,
  freshness: textOrNull,
  rows_loaded: numberOrNull,
};

export function getDimCity(warehouse: Warehouse, city?: string): Promise<DimCityRow[]> {
  const where = city === undefined ? sql`true` : sql`d.city = ${city}`;
  return queryRows(
    warehouse,
    sql`with last_opened as (
       select city, max(opened) as last_opened from fact_requests group by city
     ),
     previous_month as (
       select m.city, max(m.month) as previous_month
       from mart_area_month m join dim_city c on c.city = m.city
       where m.level = ${CITY_LEVEL} and m.month < c.last_month and m.opened > 0
       group by m.city
     )
     select d.city, d.has_resolution, d.has_sla, d.first_month, d.last_month,
       cast(cast(l.last_opened as date) as varchar) as last_opened, p.previous_month,
       cast(d.freshness as varchar) as freshness, d.rows_loaded
     from dim_city d
     left join last_opened l on l.city = d.city
     left join previous_month p on p.city = d.city
     where ${where}`,
    DIM_CITY_ROW,
  );
}

export async function getCities(warehouse: Warehouse): Promise<CitiesResponse> {
  const rows = await getDimCity(warehouse);
  const byCity = new Map(rows.map((row) => [row.city, row]));
  return {
    cities: [...loadCities().values()].map((config) =>
      toCitySummary(config, byCity.get(config.id)),
    ),
  };
}

export async function getCitySummary(warehouse: Warehouse, cityId: string): Promise<CitySummary> {
  const config = getCity(cityId);
  if (!config) throw new NotFoundError(`There is no city "${cityId}".`, 'city');
  const [row] = await getDimCity(warehouse, cityId);
  return toCitySummary(config, row);
}

const FILTER_OPTION_COLUMNS = ['type', 'category', 'channel', 'division'] as const;
/** Enough for a searchable list; the rarest types beyond this are reachable by typing the URL. */
const MAX_OPTIONS = 1000;

/**
 * The values each filter can take, with their counts in the view's range under the view's other
 * filters (a filter's own selection does not narrow its own list), and whether each level has
 * located data in the range so the picker can disable a level with nothing to draw.
 */
export async function getFilterOptions(
  warehouse: Warehouse,
  view: View,
): Promise<FilterOptionsResponse> {
  const context = await getChartContext(warehouse, { ...view, area: undefined });
  const { range, summary } = context;
  const preAggregates = hasPreAggregates(warehouse);
  const lists = await Promise.all(
    FILTER_OPTION_COLUMNS.map((column) => {
      const omit = [column] as const;
      const table = chooseAreaMonthMart(view, { groupBy: [column], omit, preAggregates });
      const where = buildFilters(view, { range, level: CITY_LEVEL, omit, table });
      const query = sql`select cast(${raw(column)} as varchar) as value, sum(opened) as count
         from ${raw(table)} where ${where} and ${raw(column)} is not null
         group by 1 having sum(opened) > 0 order by count desc, value limit ${MAX_OPTIONS}`;
      return queryRows(warehouse, query, { value: z.string(), count });
    }),
  );
  const levelTable = chooseAreaMonthMart(view, { preAggregates });
  const levelWhere = buildFilters(view, { range, level: null, table: levelTable });
  const levelQuery = sql`select level, sum(opened) as located from ${raw(levelTable)}
    where ${levelWhere} and level <> ${CITY_LEVEL} group by level`;
  const levelRows = await queryRows(warehouse, levelQuery, { level: z.string(), located: count });
  const located = new Map(levelRows.map((row) => [row.level, Number(row.located)]));
  const noun = nounFor(summary.kind);
  const levels = summary.levels.map((level): LevelAvailability => {
    const count = located.get(level.id) ?? 0;
    return {
      id: level.id,
      located: count,
      available: count > 0,
      reason:
        count > 0
          ? null
          : `None of ${summary.name}'s ${noun} from ${range.from} to ${range.to} can be placed in a ${level.label.toLowerCase()}: the data has no location at this level in this range.`,
    };
  });
  const divisionLabels = await codeLabels(warehouse, view, range, summary.levels[0]);
  const [type, category, channel, division] = lists.map((rows) =>
    rows.map((row): FilterOption => ({
      value: row.value,
      label: row.value,
      count: Number(row.count),
    })),
  );
  return {
    city: summary.id,
    from: range.from,
    to: range.to,
    type: type ?? [],
    category: category ?? [],
    channel: summary.hasChannel ? (channel ?? []) : [],
    division: (division ?? []).map((option) => ({
      ...option,
      label: divisionLabels.get(option.value) ?? option.label,
    })),
    levels,
  };
}

/** Whether a level of a city has an area with this key (pages answer 404 otherwise). */
export async function hasArea(
  warehouse: Warehouse,
  city: string,
  level: string,
  areaKey: string,
): Promise<boolean> {
  const rows = await queryRows(
    warehouse,
    sql`select 1 as found from dim_area
      where city = ${city} and level = ${level} and area_key = ${areaKey} limit 1`,
    { found: z.number() },
  );
  return rows.length > 0;
}

/** A code this share of whose located requests fall in one area is named after that area. */
const CODE_AREA_SHARE = 0.8;

/**
 * Names for division codes, from the data itself: a short code (Seattle's legacy sector "M")
 * whose located requests fall almost all in one area of the city's first level is shown as
 * "M (in West precinct)". Values that already are names stay as they are.
 */
async function codeLabels(
  warehouse: Warehouse,
  view: View,
  range: MonthRange,
  level: { id: string; label: string } | undefined,
): Promise<Map<string, string>> {
  const labels = new Map<string, string>();
  if (!level) return labels;
  const where = buildFilters(view, { range, level: level.id, alias: 'm', omit: ['division'] });
  const rows = await queryRows(
    warehouse,
    sql`select cast(m.division as varchar) as division, min(a.area_name) as area_name,
        sum(m.opened) as n
      from mart_area_month m
      join dim_area a on a.city = m.city and a.level = m.level and a.area_key = m.area_key
      where ${where} and m.division is not null and length(m.division) <= 3
      group by m.division, m.area_key`,
    { division: z.string(), area_name: text, n: count },
  );
  const byCode = new Map<string, { total: number; top: number; name: string }>();
  for (const row of rows) {
    const entry = byCode.get(row.division) ?? { total: 0, top: 0, name: '' };
    entry.total += row.n;
    if (row.n > entry.top) Object.assign(entry, { top: row.n, name: row.area_name });
    byCode.set(row.division, entry);
  }
  for (const [code, entry] of byCode) {
    if (entry.total > 0 && entry.top / entry.total >= CODE_AREA_SHARE && entry.name) {
      if (entry.name.toLowerCase() !== code.toLowerCase()) {
        labels.set(code, `${code} (in ${entry.name} ${level.label.toLowerCase()})`);
      }
    }
  }
  return labels;
}
