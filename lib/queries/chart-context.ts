/**
 * What every chart query starts from: the city config and warehouse row for a view, the area
 * it names, and the months it covers, as one `ChartMeta` that each response carries (the CSV
 * header and the chart captions are written from it). Also the route plumbing the chart routes
 * share: split route-specific parameters from the view, validate both, map errors to statuses.
 */
import 'server-only';
import type { z } from 'zod';
import { getCity, getLevel, type CityConfig } from '@/lib/cities';
import { parseView, type View } from '@/lib/filters';
import type { Warehouse } from '@/lib/warehouse/types';
import { InvalidViewError, NotFoundError } from '@/lib/api/errors';
import {
  CITY_LEVEL,
  FILTER_COLUMNS,
  filterValues,
  resolveRange,
  type DateRange,
  type FilterParameter,
} from './filters-sql';

export interface ChartArea {
  key: string;
  name: string;
  population: number | null;
}

/** Carried by every chart response: enough to caption a chart and head its CSV. */
export interface ChartMeta {
  city: string;
  cityName: string;
  kind: '311' | 'crime';
  level: string;
  levelLabel: string;
  metric: string;
  area: ChartArea | null;
  from: string;
  to: string;
  months: number;
  /** The filters the view sets, by URL parameter name (comma-joined lists). */
  filters: Record<string, string>;
  attribution: string;
  generatedAt: string;
  hasResolution: boolean;
  hasSla: boolean;
}

export interface ChartContext {
  view: View;
  city: CityConfig;
  range: DateRange;
  meta: ChartMeta;
  /** The first and last month the city has data for. */
  firstMonth: string;
  lastMonth: string;
}

function isoMonth(value: unknown): string | null {
  return typeof value === 'string' && /^\d{4}-\d{2}-\d{2}/.test(value) ? value.slice(0, 10) : null;
}

export async function getChartContext(wh: Warehouse, view: View): Promise<ChartContext> {
  const city = getCity(view.city);
  if (!city) throw new InvalidViewError('city', `city: unknown city "${view.city}"`);
  const level = getLevel(city, view.level);
  if (!level) {
    throw new InvalidViewError(
      'level',
      `level: ${city.name} has no level "${view.level}" (${city.levels.map((l) => l.id).join(', ')})`,
    );
  }
  const [cityRow] = await wh.query('select first_month, last_month from dim_city where city = ?', [
    city.id,
  ]);
  const firstMonth = isoMonth(cityRow?.first_month);
  const lastMonth = isoMonth(cityRow?.last_month);
  if (!cityRow || !firstMonth || !lastMonth) {
    throw new NotFoundError(`No data has been loaded for ${city.name} yet.`);
  }
  let area: ChartArea | null = null;
  if (view.area !== undefined) {
    const [row] = await wh.query(
      'select area_name, population from dim_area where city = ? and level = ? and area_key = ?',
      [city.id, level.id, view.area],
    );
    if (!row) {
      throw new InvalidViewError(
        'area',
        `area: ${level.label} "${view.area}" is not in ${city.name}`,
      );
    }
    area = {
      key: view.area,
      name: typeof row.area_name === 'string' ? row.area_name : view.area,
      population: typeof row.population === 'number' ? row.population : null,
    };
  }
  const range = resolveRange(view, lastMonth);
  const filters: Record<string, string> = {};
  for (const parameter of Object.keys(FILTER_COLUMNS) as FilterParameter[]) {
    const values = filterValues(view, parameter);
    if (values.length) filters[parameter] = values.join(',');
  }
  return {
    view,
    city,
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
      hasResolution: city.metrics.resolution,
      hasSla: city.metrics.sla,
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
): { view: View; own: z.infer<S> } {
  const own: Record<string, string> = {};
  const rest = new URLSearchParams();
  const ownKeys = new Set(Object.keys(schema.shape));
  for (const [key, value] of search) {
    if (ownKeys.has(key)) own[key] = value;
    else rest.append(key, value);
  }
  const parsedView = parseView(rest);
  if (!parsedView.ok) throw new InvalidViewError(parsedView.parameter, parsedView.error);
  const parsed = schema.safeParse(own);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const parameter = String(issue?.path[0] ?? 'query');
    throw new InvalidViewError(parameter, `${parameter}: ${issue?.message ?? 'invalid'}`);
  }
  return { view: parsedView.view, own: parsed.data };
}
