/**
 * Runs the real pipeline into a temporary folder and reads the resulting DuckDB file, for the
 * integration tests. Nothing is mocked: real files, real DuckDB, the real SQL.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pino } from 'pino';
import { loadCities, type CityConfig } from '@/lib/cities';
import { openDuckDb } from '@/lib/warehouse/duckdb/connection';
import type { Row } from '@/lib/warehouse/types';
import { runPipeline } from '@/pipeline/run';
import type { PipelineOptions, PipelineResult } from '@/pipeline/types';

export const ROOT = path.resolve(__dirname, '..', '..');

export interface Sandbox {
  dir: string;
  warehouse: string;
  lake: string;
  run(options?: Partial<PipelineOptions>): Promise<PipelineResult>;
  query<T extends Row = Row>(
    sql: string,
    params?: (string | number | boolean | null)[],
  ): Promise<T[]>;
  cleanup(): void;
}

export function city(id: string): CityConfig {
  const config = loadCities(path.join(ROOT, 'config', 'cities')).get(id);
  if (!config) throw new Error(`no city ${id}`);
  return config;
}

export function sandbox(cityIds: string[] = ['toronto']): Sandbox {
  const dir = mkdtempSync(path.join(tmpdir(), 'atlas311-'));
  const warehouse = path.join(dir, 'warehouse.duckdb');
  const lake = path.join(dir, 'lake');
  return {
    dir,
    warehouse,
    lake,
    run: (options = {}) =>
      runPipeline({
        cities: cityIds.map(city),
        source: 'sample',
        warehousePath: warehouse,
        rootDir: ROOT,
        lakeDir: lake,
        log: pino({ level: 'silent' }),
        now: () => new Date('2026-11-25T12:00:00Z'),
        ...options,
      }),
    query: readOnlyQuery(warehouse),
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/** A sandbox's query(): one read-only connection per call, closed after it (the file may be rebuilt). */
export function readOnlyQuery(warehouse: string): Sandbox['query'] {
  return async <T extends Row = Row>(
    sql: string,
    params: (string | number | boolean | null)[] = [],
  ) => {
    const db = await openDuckDb(warehouse, { readOnly: true });
    try {
      return await db.query<T>(sql, params);
    } finally {
      await db.close();
    }
  };
}

/** Table contents as a stable fingerprint (run ids and load times left out). */
const ROW_KEYS = {
  fact_requests: `row_hash, city, request_id, location_flag, problem_id, is_problem_first`,
  fact_request_area: `city, request_id, level, area_key`,
  mart_area_month: `city, level, area_key, month, type, category, channel, division, status_group, is_problem_first, opened, closed, still_open, sla_due, on_time, res_n, round(res_hours_sum, 3)`,
  mart_resolution_hist: `city, level, area_key, month, type, bucket, is_problem_first, n`,
  quarantine: `city, file, line, reason`,
  dim_area: `city, level, area_key, area_name, population`,
} as const;

/** Per table: row count and an order-independent digest of every row's key columns. */
export const FINGERPRINT_SQL = Object.fromEntries(
  Object.entries(ROW_KEYS).map(([table, columns]) => [
    table,
    `select count(*) as n, md5(coalesce(string_agg(k, ',' order by k), '')) as h
     from (select concat_ws('|', ${columns}) as k from ${table})`,
  ]),
) as Record<keyof typeof ROW_KEYS, string>;

export async function fingerprint(box: Sandbox): Promise<Record<string, Row | undefined>> {
  const out: Record<string, Row | undefined> = {};
  for (const [table, sql] of Object.entries(FINGERPRINT_SQL))
    out[table] = (await box.query(sql))[0];
  return out;
}
