/**
 * The choropleth widget: one value per area of a level for a view, with class breaks, the
 * requests left out for want of a location, and (for counts) a hotspot test.
 *
 * Metrics and the requests each `count` is computed from:
 * - count, per_1000, still_open, change_pct: requests opened in the range;
 * - median_days, p90_days: closed requests with a resolution time, interpolated inside the
 *   buckets of mart_resolution_hist (lib/resolution-buckets.ts);
 * - on_time_pct: requests due under a service-level target, i.e. closed ones plus open ones
 *   already overdue (`sla_due`), of which `on_time` closed by the target.
 */
import 'server-only';
import { classify, countClasses } from '@/lib/classify';
import { hotspotsUnsupportedReason, metricUnsupportedReason } from '@/lib/view';
import { resolveParsedView } from '@/lib/view/resolve';
import type { View } from '@/lib/view';
import { findHotspots, HOTSPOT_ALPHA } from '@/lib/hotspots';
import { histogramFromRows, percentileFromHistogram } from '@/lib/resolution-buckets';
import { InvalidViewError, NotFoundError } from '@/lib/api/errors';
import {
  HOTSPOT_TEST_DESCRIPTION,
  METRIC_DEFINITIONS,
  MIN_HOTSPOT_EXPECTED,
  MIN_SAMPLE,
  ON_TIME_DEFINITION,
  PORTAL_ON_TIME_DEFINITION,
  metricUnit,
} from '@/lib/api/texts';
import type { ChoroplethArea, ChoroplethResponse } from '@/lib/api/types';
import type { Warehouse } from '@/lib/warehouse/types';
import { getCities } from './cities';
import { z } from 'zod';
import { buildFilters, CITY_LEVEL, previousRange, raw, sql, type MonthRange } from './filters-sql';
import { chooseAreaMonthMart, chooseHistogramMart, hasPreAggregates } from './mart-choice';
import { count, numberOrNull, queryRows, textOrNull } from './rows';
import { compareAreas } from '@/lib/compare';
import { symmetricBreaks } from '@/lib/palette';
import { compareUnsupportedReason } from '@/lib/view';
import { baselineView, compareSummary } from './compare';
import { getFlaggedAreas } from './flagged-areas';
import { duplicateTotals } from './duplicates';

/** Metrics whose value is a rate or a median: resting on too few requests, it is not shown. */
const SAMPLED_METRICS = new Set<View['metric']>([
  'per_1000',
  'median_days',
  'p90_days',
  'on_time_pct',
  'change_pct',
]);

const AREA_ROW = { area_key: z.string(), area_name: textOrNull, population: numberOrNull };

const MEASURE_ROW = {
  is_city: z.boolean(),
  area_key: z.string(),
  is_problem_first: z.boolean().nullable(),
  opened: count,
  still_open: count,
  sla_due: count,
  on_time: count,
  overdue_open: count,
  res_max: numberOrNull,
};

interface AreaMeasures {
  opened: number;
  still_open: number;
  sla_due: number;
  on_time: number;
  overdue_open: number;
  res_max: number | null;
}

interface Measures {
  byArea: Map<string, AreaMeasures>;
  /** The city-wide rows (located or not), counted the way the view counts. */
  totals: { total: number; onTime: number; slaDue: number; overdueOpen: number };
  /** City-wide requests, and the problems among them, whichever way the view counts. */
  duplicates: { requests: number; problems: number };
}

/**
 * The level's areas and the city-wide totals in one query on the smallest mart: grouped by
 * is_problem_first and summed here, so the same rows give the view's counts (merged: only a
 * problem's first request) and the requests-and-problems totals of the duplicates block.
 */
async function measures(warehouse: Warehouse, view: View, range: MonthRange): Promise<Measures> {
  const all = { ...view, duplicates: undefined };
  const table = chooseAreaMonthMart(all, { preAggregates: hasPreAggregates(warehouse) });
  const where = buildFilters(all, { range, table, level: null });
  const levels = sql`level in (${view.level}, ${CITY_LEVEL})`;
  const query = sql`select level = ${CITY_LEVEL} as is_city, cast(area_key as varchar) as area_key,
       is_problem_first, sum(opened) as opened, sum(still_open) as still_open,
       sum(sla_due) as sla_due, sum(on_time) as on_time, sum(overdue_open) as overdue_open,
       max(res_hours_max) as res_max
     from ${raw(table)} where ${where} and ${levels} group by 1, 2, 3`;
  const rows = await queryRows(warehouse, query, MEASURE_ROW);
  const merged = view.duplicates === 'merged';
  const byArea = new Map<string, AreaMeasures>();
  const totals = { total: 0, onTime: 0, slaDue: 0, overdueOpen: 0 };
  const duplicates = { requests: 0, problems: 0 };
  for (const row of rows) {
    const first = row.is_problem_first === true;
    const counted = !merged || first;
    if (row.is_city) {
      duplicates.requests += row.opened;
      if (first) duplicates.problems += row.opened;
      if (!counted) continue;
      totals.total += row.opened;
      totals.onTime += row.on_time;
      totals.slaDue += row.sla_due;
      totals.overdueOpen += row.overdue_open;
      continue;
    }
    if (!counted) continue;
    const m = byArea.get(row.area_key);
    if (!m) {
      const { opened, still_open, sla_due, on_time, overdue_open, res_max } = row;
      byArea.set(row.area_key, { opened, still_open, sla_due, on_time, overdue_open, res_max });
      continue;
    }
    m.opened += row.opened;
    m.still_open += row.still_open;
    m.sla_due += row.sla_due;
    m.on_time += row.on_time;
    m.overdue_open += row.overdue_open;
    if (row.res_max !== null)
      m.res_max = m.res_max === null ? row.res_max : Math.max(m.res_max, row.res_max);
  }
  return { byArea, totals, duplicates };
}

const pct = (part: number, whole: number) => (whole > 0 ? (part / whole) * 100 : null);

async function histogramsByArea(
  warehouse: Warehouse,
  view: View,
  range: MonthRange,
): Promise<Map<string, number[]>> {
  const table = chooseHistogramMart(view, { preAggregates: hasPreAggregates(warehouse) });
  const where = buildFilters(view, { range, table });
  const rows = await queryRows(
    warehouse,
    sql`select cast(area_key as varchar) as area_key, bucket, sum(n) as n
     from ${raw(table)} where ${where} group by 1, 2`,
    { area_key: z.string(), bucket: z.number().int(), n: count },
  );
  const grouped = new Map<string, { bucket: number; n: number }[]>();
  for (const row of rows) {
    const list = grouped.get(row.area_key) ?? [];
    list.push({ bucket: Number(row.bucket), n: Number(row.n) });
    grouped.set(row.area_key, list);
  }
  return new Map([...grouped].map(([key, list]) => [key, histogramFromRows(list)]));
}

export async function getChoropleth(warehouse: Warehouse, view: View): Promise<ChoroplethResponse> {
  const resolved = resolveParsedView(view, (await getCities(warehouse)).cities);
  if (!resolved.ok) throw resolved.error;
  const { city, level, range } = resolved;
  if (!range) throw new NotFoundError(`No data has been loaded for ${city.name} yet.`, 'city');

  const reason = metricUnsupportedReason(city, level, view.metric);
  if (reason) throw new InvalidViewError('metric', reason);
  const compareReason = view.compare ? compareUnsupportedReason(view) : null;
  if (compareReason) throw new InvalidViewError('compare', compareReason);
  const wantHotspots = view.hotspots === '1';
  const hotspotReason = wantHotspots ? hotspotsUnsupportedReason(view, level) : null;
  if (hotspotReason) throw new InvalidViewError('hotspots', hotspotReason);

  const resolution = view.metric === 'median_days' || view.metric === 'p90_days';
  // Build the histogram filter first: a filter it cannot apply is a 400 before any query runs.
  if (resolution) buildFilters(view, { range, table: 'mart_resolution_hist' });

  const [areaRows, current, histograms, previous] = await Promise.all([
    queryRows(
      warehouse,
      sql`select cast(area_key as varchar) as area_key, area_name, population
       from dim_area where city = ${view.city} and level = ${view.level} order by area_key`,
      AREA_ROW,
    ),
    measures(warehouse, view, range),
    resolution ? histogramsByArea(warehouse, view, range) : Promise.resolve(null),
    view.metric === 'change_pct'
      ? measures(warehouse, view, previousRange(range)).then((m) => m.byArea)
      : Promise.resolve(null),
  ]);
  const { totals } = current;
  const duplicates = duplicateTotals(view, current.duplicates, city.kind);

  let located = 0;
  /** The requests a value rests on, where that is not `count`. */
  const samples = new Map<string, number>();
  const areas: ChoroplethArea[] = areaRows.map((area) => {
    const m = current.byArea.get(area.area_key);
    const opened = Number(m?.opened ?? 0);
    located += opened;
    const population = area.population === null ? null : Number(area.population);
    const base = {
      area_key: area.area_key,
      area_name: area.area_name ?? area.area_key,
      population,
      tooFew: false,
      rank: null,
    };
    switch (view.metric) {
      case 'count':
        return { ...base, value: opened, count: opened };
      case 'per_1000':
        return { ...base, value: population ? (opened / population) * 1000 : null, count: opened };
      case 'still_open':
        return { ...base, value: Number(m?.still_open ?? 0), count: opened };
      case 'on_time_pct': {
        const due = Number(m?.sla_due ?? 0);
        const onTime = Number(m?.on_time ?? 0);
        return {
          ...base,
          value: pct(onTime, due),
          count: due,
          portalOnTimePct: pct(onTime, due - Number(m?.overdue_open ?? 0)),
        };
      }
      case 'median_days':
      case 'p90_days': {
        const counts = histograms?.get(area.area_key) ?? [];
        const n = counts.reduce((sum, value) => sum + value, 0);
        const p = view.metric === 'median_days' ? 0.5 : 0.9;
        const hours = n
          ? percentileFromHistogram(counts, p, { maxHours: m?.res_max ?? null })
          : null;
        return { ...base, value: hours === null ? null : hours / 24, count: n };
      }
      case 'change_pct': {
        const before = Number(previous?.get(area.area_key)?.opened ?? 0);
        // The change rests on the earlier period: a rise from 3 requests is not a finding.
        samples.set(area.area_key, before);
        return {
          ...base,
          value: before > 0 ? ((opened - before) / before) * 100 : null,
          count: opened,
        };
      }
      default: {
        const unknown: never = view.metric;
        throw new Error(`unhandled metric ${String(unknown)}`);
      }
    }
  });

  // A rate or median from a handful of requests is noise: no value, no rank, "too few".
  if (SAMPLED_METRICS.has(view.metric)) {
    for (const area of areas) {
      const sample = samples.get(area.area_key) ?? area.count;
      // No requests at all is "no data"; a handful is "too few".
      if (sample > 0 && sample < MIN_SAMPLE) {
        area.tooFew = true;
        area.value = null;
        if (area.portalOnTimePct !== undefined) area.portalOnTimePct = null;
      } else if (sample === 0) {
        area.value = null;
        if (area.portalOnTimePct !== undefined) area.portalOnTimePct = null;
      }
    }
  }
  // Rank 1 = the highest value; ties share a rank (competition ranking).
  const ranked = areas
    .filter((area) => area.value !== null)
    .sort((a, b) => (b.value ?? 0) - (a.value ?? 0));
  ranked.forEach((area, i) => {
    const previousArea = ranked[i - 1];
    area.rank = previousArea && previousArea.value === area.value ? previousArea.rank : i + 1;
  });

  let hotspots: ChoroplethResponse['hotspots'] = null;
  if (wantHotspots) {
    const results = findHotspots(areas);
    results.forEach((result, i) => {
      areas[i]!.hotspot = result.hotspot;
    });
    hotspots = {
      test: HOTSPOT_TEST_DESCRIPTION,
      alpha: HOTSPOT_ALPHA,
      minExpected: MIN_HOTSPOT_EXPECTED,
      tested: results.filter((r) => r.pValue !== null).length,
      found: results.filter((r) => r.hotspot).length,
    };
  }

  const { breaks, classCounts, noData } = classify(
    areas.map((area) => area.value),
    view.classification,
    view.classes,
  );
  const [baseline, flagged] = await Promise.all([
    view.compare ? getChoropleth(warehouse, baselineView(view, range).view) : null,
    getFlaggedAreas(warehouse, view),
  ]);
  for (const area of areas) {
    const unusual = flagged.byArea.get(area.area_key);
    if (unusual) area.unusual = unusual;
  }
  let compared: ChoroplethResponse['compare'];
  if (baseline) {
    const changes = compareAreas(areas, baseline.areas, MIN_SAMPLE);
    for (const area of areas) area.compare = changes.get(area.area_key);
    const relative = areas.map((area) => area.compare?.relative ?? null);
    const changeBreaks = symmetricBreaks(relative, view.classes);
    compared = {
      ...compareSummary(
        view,
        range,
        { now: totals.total, before: baseline.total },
        city.lastOpened,
      ),
      unlocated: baseline.unlocated,
      breaks: changeBreaks,
      classCounts: countClasses(
        relative.filter((v): v is number => v !== null),
        changeBreaks,
      ),
      noData: relative.filter((v) => v === null).length,
      tooFew: areas.filter((area) => area.compare?.tooFew).length,
      periodBreaks: classify(
        [...areas.map((a) => a.value), ...baseline.areas.map((a) => a.value)],
        view.classification,
        view.classes,
      ).breaks,
    };
  }
  const response: ChoroplethResponse = {
    city: view.city,
    kind: city.kind,
    level: view.level,
    metric: view.metric,
    classification: view.classification,
    from: range.from,
    to: range.to,
    // Merged counts problems: "problems per 1,000 residents".
    unit: metricUnit(view.metric, view.duplicates === 'merged' ? { many: 'problems' } : city.nouns),
    definition: METRIC_DEFINITIONS[view.metric],
    minSample: MIN_SAMPLE,
    areas,
    unlocated: Math.max(0, totals.total - located),
    total: totals.total,
    breaks,
    classCounts,
    noData,
    tooFew: areas.filter((area) => area.tooFew).length,
    hotspots,
    onTime:
      view.metric === 'on_time_pct'
        ? {
            pct: pct(totals.onTime, totals.slaDue),
            portalPct: pct(totals.onTime, totals.slaDue - totals.overdueOpen),
            definition: ON_TIME_DEFINITION,
            portalDefinition: PORTAL_ON_TIME_DEFINITION,
          }
        : null,
    duplicates,
  };
  // Left out when empty, so an answer without compare= or flags is as it always was.
  if (compared) response.compare = compared;
  if (flagged.month) response.unusual = { month: flagged.month, areas: flagged.byArea.size };
  return response;
}
