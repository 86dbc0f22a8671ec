/**
 * What every chart query starts from: the city config and warehouse row for a view, the area
 * it names, and the months it covers, as one `ChartMeta` that each response carries (the CSV
 * header and the chart captions are written from it). Also the route plumbing the chart routes
 * share: split route-specific parameters from the view, validate both, map errors to statuses.
 */
import 'server-only';
import { numberOrNull, queryRow, textOrNull } from './rows';
import type { z } from 'zod';
import { getCity, type CityConfig } from '@/lib/cities';
import { type View } from '@/lib/view';
import { firstIssue, parseView } from '@/lib/view/schema';
import { resolveParsedView } from '@/lib/view/resolve';
import type { Warehouse } from '@/lib/warehouse/types';
import { InvalidViewError, NotFoundError } from '@/lib/api/errors';
import type { ChartArea, ChartMeta, CitySummary } from '@/lib/api/types';
import { getCities } from './cities';
import {
  CITY_LEVEL,
  FILTER_COLUMNS,
  sql,
  filterValues,
  type DateRange,
  type FilterParameter,
} from './filters-sql';

export type { ChartArea, ChartMeta } from '@/lib/api/types';

export interface ChartContext {
  view: View;
  city: CityConfig;
  summary: CitySummary;
  range: DateRange;
  meta: ChartMeta;
  /** The first and last month the city has data for. */
  firstMonth: string;
  lastMonth: string;
}

/**
 * The city, level, range and area of a view, through the same resolveView rules as every page
 * and route: an unknown city, level or area is a 404, a city with no data yet a 404.
 */
export async function getChartContext(wh: Warehouse, view: View): Promise<ChartContext> {
  const resolved = resolveParsedView(view, (await getCities(wh)).cities);
  if (!resolved.ok) throw resolved.error;
  const { city: summary, level, range } = resolved;
  const city = getCity(summary.id);
  if (!city) throw new NotFoundError(`There is no city "${view.city}".`, 'city');
  const firstMonth = summary.firstMonth;
  const lastMonth = summary.lastMonth;
  if (!range || !firstMonth || !lastMonth) {
    throw new NotFoundError(`No data has been loaded for ${city.name} yet.`, 'city');
  }
  let area: ChartArea | null = null;
  if (view.area !== undefined) {
    const row = await queryRow(
      wh,
      sql`select area_name, population from dim_area
        where city = ${city.id} and level = ${level.id} and area_key = ${view.area}`,
      { area_name: textOrNull, population: numberOrNull },
    );
    if (!row) {
      throw new NotFoundError(`${city.name} has no ${level.label} "${view.area}".`, 'area');
    }
    area = {
      key: view.area,
      name: typeof row.area_name === 'string' ? row.area_name : view.area,
      population: typeof row.population === 'number' ? row.population : null,
    };
  }
  const filters: Record<string, string> = {};
  for (const parameter of Object.keys(FILTER_COLUMNS) as FilterParameter[]) {
    const values = filterValues(view, parameter);
    if (values.length) filters[parameter] = values.join(',');
  }
  return {
    view,
    city,
    summary,
    range,
    firstMonth,
    lastMonth,
    meta: {
      city: city.id,
      cityName: city.name,
      kind: city.kind,
      level: level.id,
      levelLabel: level.label,
      metric: view.metric,
      area,
      from: range.from,
      to: range.to,
      months: range.months,
      filters,
      attribution: city.attribution,
      generatedAt: new Date().toISOString(),
      hasResolution: summary.hasResolution,
      hasSla: summary.hasSla,
      hasChannel: summary.hasChannel,
    },
  };
}

/** Level and area to read for "this view's scope": the selected area, else city-wide rows. */
export function scopeOf(context: ChartContext): { level: string; areaKey?: string } {
  return context.meta.area
    ? { level: context.meta.level, areaKey: context.meta.area.key }
    : { level: CITY_LEVEL };
}

export const num = (value: unknown): number => (typeof value === 'number' ? value : 0);
export const numOrNull = (value: unknown): number | null =>
  typeof value === 'number' && Number.isFinite(value) ? value : null;
export const str = (value: unknown): string =>
  typeof value === 'string'
    ? value
    : typeof value === 'number' || typeof value === 'boolean'
      ? String(value)
      : '';

/** Ratio rounded to 4 decimals; null when the denominator is 0 (no answer, not 0 %). */
export function ratio(part: number, whole: number): number | null {
  return whole > 0 ? Math.round((part / whole) * 10_000) / 10_000 : null;
}

export function round(value: number | null, digits = 2): number | null {
  if (value === null || !Number.isFinite(value)) return null;
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}

/**
 * Splits the URL into the route's own parameters (validated by `schema`) and the shared view
 * (validated by parseView, which refuses unknown names). Throws InvalidViewError naming the
 * parameter, which the route wrapper answers with a 400.
 */
export function parseChartParams<S extends z.ZodObject>(
  search: URLSearchParams,
  schema: S,
  options: { unknown?: 'reject' | 'ignore' } = {},
): { view: View; own: z.infer<S> } {
  const own: Record<string, string> = {};
  const rest = new URLSearchParams();
  const ownKeys = new Set(Object.keys(schema.shape));
  for (const [key, value] of search) {
    if (ownKeys.has(key)) own[key] = value;
    else rest.append(key, value);
  }
  const parsedView = parseView(rest, { unknown: options.unknown ?? 'reject' });
  if (!parsedView.ok) throw new InvalidViewError(parsedView.parameter, parsedView.error);
  const parsed = schema.safeParse(own);
  if (!parsed.success) {
    const issue = firstIssue(parsed.error);
    throw new InvalidViewError(issue.parameter, issue.error);
  }
  return { view: parsedView.view, own: parsed.data };
}
