/**
 * Resolution time, only for cities that publish closing dates: the distribution of time to
 * close (from mart_resolution_hist), median and p90 per type (percentiles interpolated inside
 * the histogram's buckets), average and maximum per type (from mart_area_month's sums), and
 * the honest on-time share where the city has a service-level target:
 * closed on time ÷ (closed with a verdict + open and already overdue) = on_time ÷ sla_due.
 * A city without closing dates gets `available: false`, never zeros. Every type and every
 * category is answered, each category from its own histogram rows (a type can fall in several
 * categories; a type row names the category most of its closed requests fall in).
 */
import 'server-only';
import { chartCompare } from './compare';
import { z } from 'zod';
import { count, numberOrNull, queryRow, queryRows, text } from './rows';
import type { View } from '@/lib/view';
import type { Warehouse } from '@/lib/warehouse/types';
import {
  RESOLUTION_BUCKET_COUNT,
  bucketBounds,
  bucketLabel,
  histogramFromRows,
  percentileFromHistogram,
} from '@/lib/resolution-buckets';
import { CITY_LEVEL, buildFilters, raw, sql, type FilterParameter } from './filters-sql';
import { chooseAreaMonthMart, chooseHistogramMart, hasPreAggregates } from './mart-choice';
import {
  MIN_ESTIMATE_SAMPLE,
  NO_CLOSING_DATES,
  ON_TIME_DEFINITION,
  PORTAL_ON_TIME_DEFINITION,
} from '@/lib/api/texts';
import type {
  HistogramBin,
  ResolutionCategoryRow,
  ResolutionEstimate,
  ResolutionEstimateResponse,
  ResolutionResponse,
  ResolutionSummary,
  ResolutionTypeRow,
} from '@/lib/api/types';
import {
  getChartContext,
  num,
  numOrNull,
  ratio,
  round,
  scopeOf,
  str,
  type ChartContext,
} from './chart-context';

/** The histogram is counted by type and area only: these filters cannot apply to it. */
const HISTOGRAM_IGNORES: readonly FilterParameter[] = ['channel', 'division', 'status'];

export { MIN_ESTIMATE_SAMPLE, NO_CLOSING_DATES } from '@/lib/api/texts';

const days = (hours: number | null) => round(hours === null ? null : hours / 24);

interface Measures {
  resN: number;
  hoursSum: number;
  hoursMax: number | null;
  onTime: number;
  slaDue: number;
  overdueOpen: number;
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
    portalOnTimePct:
      hasSla && measures ? ratio(measures.onTime, measures.slaDue - measures.overdueOpen) : null,
  };
}

interface Scope {
  level: string;
  areaKey?: string;
}

async function queryScope(wh: Warehouse, context: ChartContext, scope: Scope, type?: string) {
  const view = type ? { ...context.view, type: [type], category: undefined } : context.view;
  const omit = HISTOGRAM_IGNORES;
  const preAggregates = hasPreAggregates(wh);
  const groupBy = ['type', 'category'] as const;
  const histTable = chooseHistogramMart(view, { groupBy, omit, preAggregates });
  const martTable = chooseAreaMonthMart(view, { groupBy, omit, preAggregates });
  const histWhere = buildFilters(view, { table: histTable, range: context.range, omit, ...scope });
  const martWhere = buildFilters(view, { table: martTable, range: context.range, omit, ...scope });
  // Grouped by type and category: a type can fall in several categories (SF by subtype).
  const histQuery = sql`select type, category, bucket, sum(n) as n from ${raw(histTable)}
    where ${histWhere} group by type, category, bucket`;
  const martQuery = sql`select type, category, sum(res_n) as res_n,
    sum(res_hours_sum) as hours_sum, max(res_hours_max) as hours_max, sum(on_time) as on_time,
    sum(sla_due) as sla_due, sum(overdue_open) as overdue_open
    from ${raw(martTable)} where ${martWhere} group by type, category`;
  const [histRows, martRows] = await Promise.all([
    queryRows(wh, histQuery, {
      type: text,
      category: text,
      bucket: z.number().int(),
      n: count,
    }),
    queryRows(wh, martQuery, {
      type: text,
      category: text,
      res_n: count,
      hours_sum: count,
      hours_max: numberOrNull,
      on_time: count,
      sla_due: count,
      overdue_open: count,
    }),
  ]);
  const histByType = new Map<string, { bucket: number; n: number }[]>();
  const histByCategory = new Map<string, { bucket: number; n: number }[]>();
  const push = (
    map: Map<string, { bucket: number; n: number }[]>,
    key: string,
    bucket: number,
    n: number,
  ) => {
    const list = map.get(key) ?? [];
    list.push({ bucket, n });
    map.set(key, list);
  };
  for (const row of histRows) {
    const bucket = num(row.bucket);
    if (!Number.isInteger(bucket) || bucket < 0 || bucket >= RESOLUTION_BUCKET_COUNT) continue;
    push(histByType, str(row.type), bucket, num(row.n));
    push(histByCategory, str(row.category) || 'Unknown', bucket, num(row.n));
  }
  const add = (map: Map<string, Measures>, key: string, m: Measures) => {
    const before = map.get(key);
    map.set(key, before ? totalMeasures([before, m]) : m);
  };
  const measures = new Map<string, Measures>();
  const categoryMeasures = new Map<string, Measures>();
  /**
   * A type's category: the one with most closed requests of the type; on a tie the first by
   * name, so the answer does not depend on the order the warehouse returns its groups in (it
   * did: the same figures stored in other row groups named the other category).
   */
  const categories = new Map<string, { category: string; n: number }>();
  for (const row of martRows) {
    const m: Measures = {
      resN: num(row.res_n),
      hoursSum: num(row.hours_sum),
      hoursMax: numOrNull(row.hours_max),
      onTime: num(row.on_time),
      slaDue: num(row.sla_due),
      overdueOpen: num(row.overdue_open),
    };
    const category = str(row.category) || 'Unknown';
    add(measures, str(row.type), m);
    add(categoryMeasures, category, m);
    const best = categories.get(str(row.type));
    if (!best || m.resN > best.n || (m.resN === best.n && category < best.category)) {
      categories.set(str(row.type), { category, n: m.resN });
    }
  }
  return {
    histByType,
    histByCategory,
    measures,
    categoryMeasures,
    categories: new Map([...categories].map(([t, c]) => [t, c.category])),
  };
}

/**
 * The summary alone (no rows by type or category), from the smallest histogram and area × month
 * marts that have the view's filters: what the city-wide line beside an area's needs.
 */
async function querySummary(
  wh: Warehouse,
  context: ChartContext,
  scope: Scope,
): Promise<ResolutionSummary> {
  const view = context.view;
  const omit = HISTOGRAM_IGNORES;
  const preAggregates = hasPreAggregates(wh);
  const histTable = chooseHistogramMart(view, { omit, preAggregates });
  const martTable = chooseAreaMonthMart(view, { omit, preAggregates });
  const histWhere = buildFilters(view, { table: histTable, range: context.range, omit, ...scope });
  const martWhere = buildFilters(view, { table: martTable, range: context.range, omit, ...scope });
  const [histRows, martRow] = await Promise.all([
    queryRows(
      wh,
      sql`select bucket, sum(n) as n from ${raw(histTable)} where ${histWhere} group by bucket`,
      { bucket: z.number().int(), n: count },
    ),
    queryRow(
      wh,
      sql`select sum(res_n) as res_n, sum(res_hours_sum) as hours_sum,
        max(res_hours_max) as hours_max, sum(on_time) as on_time, sum(sla_due) as sla_due,
        sum(overdue_open) as overdue_open from ${raw(martTable)} where ${martWhere}`,
      {
        res_n: count,
        hours_sum: count,
        hours_max: numberOrNull,
        on_time: count,
        sla_due: count,
        overdue_open: count,
      },
    ),
  ]);
  const counts = histogramFromRows(
    histRows
      .map((row) => ({ bucket: num(row.bucket), n: num(row.n) }))
      .filter(
        ({ bucket }) => Number.isInteger(bucket) && bucket >= 0 && bucket < RESOLUTION_BUCKET_COUNT,
      ),
  );
  const measures: Measures = {
    resN: num(martRow?.res_n),
    hoursSum: num(martRow?.hours_sum),
    hoursMax: numOrNull(martRow?.hours_max),
    onTime: num(martRow?.on_time),
    slaDue: num(martRow?.sla_due),
    overdueOpen: num(martRow?.overdue_open),
  };
  return summarize(counts, measures, context.meta.hasSla);
}

function totalMeasures(measures: Iterable<Measures>): Measures {
  const total: Measures = {
    resN: 0,
    hoursSum: 0,
    hoursMax: null,
    onTime: 0,
    slaDue: 0,
    overdueOpen: 0,
  };
  for (const m of measures) {
    total.resN += m.resN;
    total.hoursSum += m.hoursSum;
    total.onTime += m.onTime;
    total.slaDue += m.slaDue;
    total.overdueOpen += m.overdueOpen;
    if (m.hoursMax !== null) total.hoursMax = Math.max(total.hoursMax ?? 0, m.hoursMax);
  }
  return total;
}

function scopeResult(
  data: Awaited<ReturnType<typeof queryScope>>,
  hasSla: boolean,
): {
  counts: number[];
  summary: ResolutionSummary;
  byType: ResolutionTypeRow[];
  byCategory: ResolutionCategoryRow[];
} {
  const counts = histogramFromRows([...data.histByType.values()].flat());
  const summary = summarize(counts, totalMeasures(data.measures.values()), hasSla);
  const byClosed = (a: ResolutionSummary, b: ResolutionSummary) => b.closed - a.closed;
  const byType = [...data.histByType.entries()]
    .map(([type, rows]) => ({
      type,
      category: data.categories.get(type) ?? 'Unknown',
      ...summarize(histogramFromRows(rows), data.measures.get(type), hasSla),
    }))
    .filter((row) => row.closed > 0)
    .sort((a, b) => byClosed(a, b) || a.type.localeCompare(b.type));
  const byCategory = [...data.histByCategory.entries()]
    .map(([category, rows]) => ({
      category,
      ...summarize(histogramFromRows(rows), data.categoryMeasures.get(category), hasSla),
    }))
    .filter((row) => row.closed > 0)
    .sort((a, b) => byClosed(a, b) || a.category.localeCompare(b.category));
  return { counts, summary, byType, byCategory };
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
    const row = await queryRow(
      wh,
      sql`select area_name from dim_area
        where city = ${context.meta.city} and level = ${context.meta.level} and area_key = ${areaKey}`,
      { area_name: text },
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
  const minSample = MIN_ESTIMATE_SAMPLE;
  if (areaKey !== undefined && areaName !== null) {
    const local = await answer({ level: context.meta.level, areaKey });
    if (local.closed >= minSample) {
      return { type, areaKey, areaName, basis: 'area', enough: true, minSample, ...local };
    }
  }
  const city = await answer({ level: CITY_LEVEL });
  const enough = city.closed >= minSample;
  return {
    type,
    areaKey: areaKey ?? null,
    areaName,
    basis: 'city',
    enough,
    minSample,
    closed: city.closed,
    // Too few closed requests of the type anywhere: no estimate rather than a noisy one.
    p50Days: enough ? city.p50Days : null,
    p90Days: enough ? city.p90Days : null,
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
  params: { limit?: number | undefined } = {},
): Promise<ResolutionResponse> {
  const context = await getChartContext(wh, view);
  const { meta } = context;
  if (!meta.hasResolution) {
    return { meta, available: false, reason: 'no-closing-dates', message: NO_CLOSING_DATES };
  }
  const scope = scopeOf(context);
  const [local, city] = await Promise.all([
    queryScope(wh, context, scope),
    meta.area ? querySummary(wh, context, { level: CITY_LEVEL }) : Promise.resolve(null),
  ]);
  const shaped = scopeResult(local, meta.hasSla);
  const answer: Extract<ResolutionResponse, { available: true }> = {
    meta,
    available: true,
    ignoredFilters: HISTOGRAM_IGNORES.filter((parameter) => parameter in meta.filters),
    histogram: histogramBins(shaped.counts),
    summary: shaped.summary,
    citySummary: city,
    byType: params.limit === undefined ? shaped.byType : shaped.byType.slice(0, params.limit),
    byCategory: shaped.byCategory,
    onTimeDefinition: ON_TIME_DEFINITION,
    portalOnTimeDefinition: PORTAL_ON_TIME_DEFINITION,
  };
  await chartCompare(
    view,
    context,
    answer,
    // The baseline is the same city, so it has closing dates too.
    (baseline) => getResolution(wh, baseline, params) as Promise<typeof answer>,
    (before) => ({ summary: before.summary }),
    (resolution) => resolution.summary.closed,
  );
  return answer;
}
