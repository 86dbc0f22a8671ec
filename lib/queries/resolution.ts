/**
 * Resolution time, only for cities that publish closing dates: the distribution of time to
 * close (from mart_resolution_hist), median and p90 per type (percentiles interpolated inside
 * the histogram's buckets), average and maximum per type (from mart_area_month's sums), and
 * the honest on-time share where the city has a service-level target:
 * closed on time ÷ (closed with a verdict + open and already overdue) = on_time ÷ sla_due.
 * A city without closing dates gets `available: false`, never zeros.
 */
import 'server-only';
import type { View } from '@/lib/view';
import type { Warehouse } from '@/lib/warehouse/types';
import {
  RESOLUTION_BUCKET_COUNT,
  bucketBounds,
  bucketLabel,
  histogramFromRows,
  percentileFromHistogram,
} from '@/lib/resolution-buckets';
import { CITY_LEVEL, buildFilters, sql, type FilterParameter } from './filters-sql';
import {
  getChartContext,
  num,
  numOrNull,
  ratio,
  round,
  scopeOf,
  str,
  type ChartContext,
  type ChartMeta,
} from './chart-context';

/** The histogram is counted by type and area only: these filters cannot apply to it. */
const HISTOGRAM_IGNORES: readonly FilterParameter[] = ['channel', 'division', 'status'];

/** Fewer closed requests than this in an area: the estimate falls back to the whole city. */
export const MIN_ESTIMATE_SAMPLE = 20;

export interface HistogramBin {
  bucket: number;
  label: string;
  fromHours: number;
  /** null for the open-ended last bucket. */
  toHours: number | null;
  count: number;
  share: number | null;
}

export interface ResolutionSummary {
  /** Closed requests with a known resolution time. */
  closed: number;
  p50Days: number | null;
  p90Days: number | null;
  avgDays: number | null;
  maxDays: number | null;
  /** null where the city has no service-level target or nothing was due. */
  onTimePct: number | null;
  /** The on-time denominator: closed with a verdict + open and overdue. */
  slaDue: number;
}

export interface ResolutionTypeRow extends ResolutionSummary {
  type: string;
}

export interface ResolutionEstimate {
  type: string;
  areaKey: string | null;
  areaName: string | null;
  /** Whether the answer comes from the area's history or, too few there, the city's. */
  basis: 'area' | 'city';
  closed: number;
  p50Days: number | null;
  p90Days: number | null;
}

export type ResolutionResponse =
  | {
      meta: ChartMeta;
      available: false;
      reason: 'no-closing-dates';
      message: string;
    }
  | {
      meta: ChartMeta;
      available: true;
      /** View filters resolution times cannot be broken down by (left out of every figure). */
      ignoredFilters: FilterParameter[];
      histogram: HistogramBin[];
      summary: ResolutionSummary;
      /** City-wide summary for comparison when an area is selected. */
      citySummary: ResolutionSummary | null;
      /** Types with the most closed requests in scope, most first (at most `limit`). */
      byType: ResolutionTypeRow[];
    };

export type ResolutionEstimateResponse =
  | { meta: ChartMeta; available: false; reason: 'no-closing-dates'; message: string }
  | { meta: ChartMeta; available: true; estimate: ResolutionEstimate };

export const NO_CLOSING_DATES =
  'This city publishes no closing dates, so resolution time cannot be measured.';

const days = (hours: number | null) => round(hours === null ? null : hours / 24);

interface Measures {
  resN: number;
  hoursSum: number;
  hoursMax: number | null;
  onTime: number;
  slaDue: number;
}

function summarize(
  counts: number[],
  measures: Measures | undefined,
  hasSla: boolean,
): ResolutionSummary {
  const max = measures?.hoursMax ?? null;
  const closed = counts.reduce((sum, n) => sum + n, 0);
  return {
    closed,
    p50Days: days(percentileFromHistogram(counts, 0.5, { maxHours: max })),
    p90Days: days(percentileFromHistogram(counts, 0.9, { maxHours: max })),
    avgDays: measures && measures.resN > 0 ? days(measures.hoursSum / measures.resN) : null,
    maxDays: days(max),
    onTimePct: hasSla && measures ? ratio(measures.onTime, measures.slaDue) : null,
    slaDue: hasSla && measures ? measures.slaDue : 0,
  };
}

interface Scope {
  level: string;
  areaKey?: string;
}

async function queryScope(wh: Warehouse, context: ChartContext, scope: Scope, type?: string) {
  const view = type ? { ...context.view, type: [type], category: undefined } : context.view;
  const omit = HISTOGRAM_IGNORES;
  const histWhere = buildFilters(view, {
    table: 'mart_resolution_hist',
    range: context.range,
    omit,
    ...scope,
  });
  const martWhere = buildFilters(view, { range: context.range, omit, ...scope });
  const histQuery = sql`select type, bucket, sum(n) as n from mart_resolution_hist where ${histWhere}
    group by type, bucket`;
  const martQuery = sql`select type, sum(res_n) as res_n, sum(res_hours_sum) as hours_sum,
    max(res_hours_max) as hours_max, sum(on_time) as on_time, sum(sla_due) as sla_due
    from mart_area_month where ${martWhere} group by type`;
  const [histRows, martRows] = await Promise.all([
    wh.query(histQuery.sql, histQuery.params),
    wh.query(martQuery.sql, martQuery.params),
  ]);
  const histByType = new Map<string, { bucket: number; n: number }[]>();
  for (const row of histRows) {
    const bucket = num(row.bucket);
    if (!Number.isInteger(bucket) || bucket < 0 || bucket >= RESOLUTION_BUCKET_COUNT) continue;
    const list = histByType.get(str(row.type)) ?? [];
    list.push({ bucket, n: num(row.n) });
    histByType.set(str(row.type), list);
  }
  const measures = new Map<string, Measures>();
  for (const row of martRows) {
    measures.set(str(row.type), {
      resN: num(row.res_n),
      hoursSum: num(row.hours_sum),
      hoursMax: numOrNull(row.hours_max),
      onTime: num(row.on_time),
      slaDue: num(row.sla_due),
    });
  }
  return { histByType, measures };
}

function totalMeasures(measures: Iterable<Measures>): Measures {
  const total: Measures = { resN: 0, hoursSum: 0, hoursMax: null, onTime: 0, slaDue: 0 };
  for (const m of measures) {
    total.resN += m.resN;
    total.hoursSum += m.hoursSum;
    total.onTime += m.onTime;
    total.slaDue += m.slaDue;
    if (m.hoursMax !== null) total.hoursMax = Math.max(total.hoursMax ?? 0, m.hoursMax);
  }
  return total;
}

function scopeResult(
  data: Awaited<ReturnType<typeof queryScope>>,
  hasSla: boolean,
  limit: number,
): { counts: number[]; summary: ResolutionSummary; byType: ResolutionTypeRow[] } {
  const counts = histogramFromRows([...data.histByType.values()].flat());
  const summary = summarize(counts, totalMeasures(data.measures.values()), hasSla);
  const byType = [...data.histByType.entries()]
    .map(([type, rows]) => ({
      type,
      ...summarize(histogramFromRows(rows), data.measures.get(type), hasSla),
    }))
    .filter((row) => row.closed > 0)
    .sort((a, b) => b.closed - a.closed || a.type.localeCompare(b.type))
    .slice(0, limit);
  return { counts, summary, byType };
}

export function histogramBins(counts: readonly number[]): HistogramBin[] {
  const total = counts.reduce((sum, n) => sum + n, 0);
  return counts.map((count, bucket) => {
    const [lo, hi] = bucketBounds(bucket);
    return {
      bucket,
      label: bucketLabel(bucket),
      fromHours: lo,
      toHours: Number.isFinite(hi) ? hi : null,
      count,
      share: ratio(count, total),
    };
  });
}

async function estimate(
  wh: Warehouse,
  context: ChartContext,
  type: string,
  areaKey: string | undefined,
): Promise<ResolutionEstimate> {
  let areaName: string | null = null;
  if (areaKey !== undefined) {
    const [row] = await wh.query(
      'select area_name from dim_area where city = ? and level = ? and area_key = ?',
      [context.meta.city, context.meta.level, areaKey],
    );
    areaName = row ? str(row.area_name) : null;
  }
  const answer = async (scope: Scope) => {
    const data = await queryScope(wh, context, scope, type);
    const counts = histogramFromRows(data.histByType.get(type) ?? []);
    const max = data.measures.get(type)?.hoursMax ?? null;
    return {
      closed: counts.reduce((sum, n) => sum + n, 0),
      p50Days: days(percentileFromHistogram(counts, 0.5, { maxHours: max })),
      p90Days: days(percentileFromHistogram(counts, 0.9, { maxHours: max })),
    };
  };
  if (areaKey !== undefined && areaName !== null) {
    const local = await answer({ level: context.meta.level, areaKey });
    if (local.closed >= MIN_ESTIMATE_SAMPLE)
      return { type, areaKey, areaName, basis: 'area', ...local };
  }
  return {
    type,
    areaKey: areaKey ?? null,
    areaName,
    basis: 'city',
    ...(await answer({ level: CITY_LEVEL })),
  };
}

export async function getResolutionEstimate(
  wh: Warehouse,
  view: View,
  params: { type: string; areaKey?: string },
): Promise<ResolutionEstimateResponse> {
  const context = await getChartContext(wh, view);
  const { meta } = context;
  if (!meta.hasResolution) {
    return { meta, available: false, reason: 'no-closing-dates', message: NO_CLOSING_DATES };
  }
  return {
    meta,
    available: true,
    estimate: await estimate(wh, context, params.type, params.areaKey),
  };
}

export async function getResolution(
  wh: Warehouse,
  view: View,
  params: { limit: number },
): Promise<ResolutionResponse> {
  const context = await getChartContext(wh, view);
  const { meta } = context;
  if (!meta.hasResolution) {
    return { meta, available: false, reason: 'no-closing-dates', message: NO_CLOSING_DATES };
  }
  const scope = scopeOf(context);
  const [local, city] = await Promise.all([
    queryScope(wh, context, scope),
    meta.area ? queryScope(wh, context, { level: CITY_LEVEL }) : Promise.resolve(null),
  ]);
  const shaped = scopeResult(local, meta.hasSla, params.limit);
  return {
    meta,
    available: true,
    ignoredFilters: HISTOGRAM_IGNORES.filter((parameter) => parameter in meta.filters),
    histogram: histogramBins(shaped.counts),
    summary: shaped.summary,
    citySummary: city ? scopeResult(city, meta.hasSla, 0).summary : null,
    byType: shaped.byType,
  };
}
