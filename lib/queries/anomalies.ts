/**
 * GET /api/anomalies: the flagged area × type and area × category cells of `mart_anomaly` for
 * one city and level (the test: lib/anomaly.ts), strongest first, with the area's name. No
 * 'server-only': it holds no secret, and the integration test runs it on a built warehouse.
 */
import { getCity, getLevel } from '@/lib/cities';
import { ANOMALY_TEST_DESCRIPTION, type AnomalyPeriod } from '@/lib/anomaly';
import { InvalidViewError } from '@/lib/api/errors';
import type { Warehouse } from '@/lib/warehouse/types';

/** The whole city (mart level '_city', as in lib/queries/filters-sql.ts). */
export const CITY_LEVEL = '_city';

export const ANOMALY_DIMENSIONS = ['type', 'category'] as const;
export type AnomalyDimension = (typeof ANOMALY_DIMENSIONS)[number];

export interface AnomalyFlag {
  areaKey: string;
  areaName: string;
  dimension: AnomalyDimension;
  value: string;
  observed: number;
  expected: number;
  ratio: number;
  pValue: number;
  /** 'month' (the tested month) or 'week' (the tested week, where the data is daily). */
  period: AnomalyPeriod;
  /** The first day of the period tested: the month's first day or the week's Monday. */
  periodStart: string;
  /**
   * With duplicates=merged only: the problems among the observed requests (each counted once,
   * by its first request, as every mart's is_problem_first does), at most `observed`.
   */
  problems?: number;
}

export interface AnomaliesResponse {
  city: string;
  level: string;
  /** The month tested (YYYY-MM-01), null when the city has no month with a year of history. */
  month: string | null;
  /** The week tested (its Monday), null where the data is not daily or too short. */
  week: string | null;
  /** Tests run at this level (both dimensions and periods; BH corrects each period apart). */
  tests: number;
  test: string;
  flags: AnomalyFlag[];
}

export async function getAnomalies(
  warehouse: Warehouse,
  query: {
    city: string;
    level: string;
    dimension?: AnomalyDimension;
    limit: number;
    duplicates?: 'kept' | 'merged' | undefined;
  },
): Promise<AnomaliesResponse> {
  const config = getCity(query.city);
  if (!config) throw new InvalidViewError('city', `unknown city "${query.city}"`);
  if (query.level !== CITY_LEVEL && !getLevel(config, query.level)) {
    throw new InvalidViewError(
      'level',
      `unknown level "${query.level}" for ${config.name}; levels: ${[...config.levels.map((l) => l.id), CITY_LEVEL].join(', ')}`,
    );
  }
  const [summary] = await warehouse.query<{
    month: string | null;
    week: string | null;
    tests: number;
  }>(
    `select cast(max(month) filter (where period = 'month') as varchar) as month,
       cast(max(month) filter (where period = 'week') as varchar) as week, count(*) as tests
     from mart_anomaly where city = ? and level = ?`,
    [query.city, query.level],
  );
  const byDimension = query.dimension === undefined ? '' : 'and m.dimension = ?';
  const merged = query.duplicates === 'merged';
  // The flag's own cell, its problems only: a month from mart_area_month (whose monthly
  // requests are what mart_anomaly tested), a week from the facts as mart_anomaly_week counts it.
  const problems = merged
    ? `, case when m.period = 'month' then (
         select coalesce(sum(a.opened) filter (where a.is_problem_first), 0)
         from mart_area_month as a
         where a.city = m.city and a.level = m.level and a.area_key = m.area_key
           and a.month = m.month
           and (case when m.dimension = 'type' then a.type else a.category end) = m.value
       ) else (
         select count(*) from fact_requests as f
         where f.city = m.city and f.is_problem_first
           and cast(date_trunc('week', f.opened) as date) = m.month
           and (case when m.dimension = 'type' then f.type else f.category end) = m.value
           and (m.level = ? or exists (
             select 1 from fact_request_area as r
             where r.city = f.city and r.request_id = f.request_id
               and r.level = m.level and r.area_key = m.area_key))
       ) end as problems`
    : '';
  const rows = await warehouse.query<{
    area_key: string;
    area_name: string | null;
    dimension: string;
    value: string;
    observed: number;
    expected: number;
    ratio: number;
    p_value: number;
    period: string;
    period_start: string;
    problems?: number;
  }>(
    `select m.area_key, d.area_name, m.dimension, m.value, m.observed, m.expected, m.ratio, m.p_value,
       m.period, cast(m.month as varchar) as period_start${problems}
     from mart_anomaly as m
     left join dim_area as d on d.city = m.city and d.level = m.level and d.area_key = m.area_key
     where m.city = ? and m.level = ? and m.flagged ${byDimension}
     order by m.p_value, m.ratio desc, m.area_key, m.dimension desc, m.value
     limit ${query.limit}`,
    [
      ...(merged ? [CITY_LEVEL] : []),
      query.city,
      query.level,
      ...(query.dimension === undefined ? [] : [query.dimension]),
    ],
  );
  return {
    city: query.city,
    level: query.level,
    month: summary?.month ?? null,
    week: summary?.week ?? null,
    tests: Number(summary?.tests ?? 0),
    test: ANOMALY_TEST_DESCRIPTION,
    flags: rows.map((r) => ({
      areaKey: r.area_key,
      areaName: query.level === CITY_LEVEL ? config.name : (r.area_name ?? r.area_key),
      dimension: r.dimension === 'category' ? 'category' : 'type',
      value: r.value,
      observed: Number(r.observed),
      expected: Number(r.expected),
      ratio: Number(r.ratio),
      pValue: Number(r.p_value),
      period: r.period === 'week' ? 'week' : 'month',
      periodStart: r.period_start,
      ...(merged ? { problems: Number(r.problems ?? 0) } : {}),
    })),
  };
}
