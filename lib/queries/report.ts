/**
 * The printable area briefing (/report): one area's profile for the view's range beside the same
 * profile for the period of the same length just before, each top type's count then and now, the
 * area's unusual types from mart_anomaly (the /api/anomalies query) and the area's boundary among
 * its neighbours. Every figure comes from the same query functions the API routes answer with.
 */
import 'server-only';
import type { FeatureCollection } from 'geojson';
import type { View } from '@/lib/view';
import type { Warehouse } from '@/lib/warehouse/types';
import type { AreaProfileResponse } from '@/lib/api/types';
import { InvalidViewError } from '@/lib/api/errors';
import { readBoundary } from '@/lib/server/boundary';
import { getAreaProfile } from './area-profile';
import { getAnomalies, type AnomalyFlag } from './anomalies';
import { getCities } from './cities';
import { buildFilters, previousRange, sql } from './filters-sql';
import { count, queryRows, text } from './rows';
import { getChartContext, num, ratio, str } from './chart-context';

export interface ReportType {
  rank: number;
  type: string;
  count: number;
  share: number | null;
  cityShare: number | null;
  previous: number;
  /** (count − previous) ÷ previous; null when the previous period had none. */
  change: number | null;
}

export interface ReportData {
  profile: AreaProfileResponse;
  previous: { from: string; to: string; profile: AreaProfileResponse };
  types: ReportType[];
  /** The area's flags in the last complete month tested, strongest first. */
  unusual: { month: string | null; test: string; flags: AnomalyFlag[] };
  boundary: FeatureCollection | null;
}

/** Largest number of flags read for one level before keeping the area's own. */
const FLAG_LIMIT = 10_000;

async function previousTypeCounts(
  wh: Warehouse,
  view: View,
  range: ReturnType<typeof previousRange>,
  level: string,
  areaKey: string,
): Promise<Map<string, number>> {
  const where = buildFilters(view, { range, level, areaKey });
  const rows = await queryRows(
    wh,
    sql`select type, sum(opened) as n from mart_area_month where ${where} group by type`,
    { type: text, n: count },
  );
  return new Map(rows.map((row) => [str(row.type), num(row.n)]));
}

export async function getReport(wh: Warehouse, view: View): Promise<ReportData> {
  if (view.area === undefined) {
    throw new InvalidViewError('area', 'area is required: the briefing is for one area.');
  }
  const context = await getChartContext(wh, view);
  const prior = previousRange(context.range);
  const previousView: View = { ...view, from: prior.from, to: prior.to };
  const level = context.meta.level;
  const summary = (await getCities(wh)).cities.find((c) => c.id === context.city.id);
  const boundaryUrl = summary?.levels.find((l) => l.id === level)?.boundaryUrl;
  const [profile, previous, before, anomalies, boundary] = await Promise.all([
    getAreaProfile(wh, view),
    getAreaProfile(wh, previousView),
    previousTypeCounts(wh, view, prior, level, view.area),
    getAnomalies(wh, { city: context.city.id, level, limit: FLAG_LIMIT }),
    boundaryUrl ? readBoundary(boundaryUrl) : Promise.resolve(null),
  ]);
  const types = profile.topTypes.map((row) => {
    const then = before.get(row.type) ?? 0;
    return {
      rank: row.rank,
      type: row.type,
      count: row.count,
      share: row.share,
      cityShare: row.cityShare,
      previous: then,
      change: then > 0 ? ratio(row.count - then, then) : null,
    };
  });
  return {
    profile,
    previous: { from: prior.from, to: prior.to, profile: previous },
    types,
    unusual: {
      month: anomalies.month,
      test: anomalies.test,
      flags: anomalies.flags.filter((flag) => flag.areaKey === view.area),
    },
    boundary,
  };
}
