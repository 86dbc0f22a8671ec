/**
 * Per-city status facts for `GET /api/status`, the /status page and `npm run pipeline --
 * --status`: the source's newest edit seen (watermark), the last run and its status, the last
 * successful publish, rows loaded / quarantined / unmapped, months covered, and the freshness
 * verdict from lib/freshness.ts. No 'server-only' here: the pipeline CLI uses it too.
 *
 * Runs come from the warehouse's `pipeline_runs` plus, where the caller has them, run-log
 * records the warehouse does not hold yet (a failed run publishes nothing; data/runs.jsonl).
 */
import { loadCities, type CityConfig } from '@/lib/cities';
import { UNMAPPED_CATEGORY } from '@/lib/categories';
import { assessFreshness, type FreshnessRun, type FreshnessVerdict } from '@/lib/freshness';
import type { Warehouse } from '@/lib/warehouse/types';

export interface StatusRun {
  runId: string;
  source: string;
  status: 'success' | 'failed';
  finished: string;
  rowsLoaded: number;
  rowsQuarantined: number;
  /** Failed runs: the step that failed. */
  step: string | null;
}

export interface CityStatus {
  city: string;
  name: string;
  cadence: CityConfig['cadence'];
  loaded: boolean;
  /** Newest edit (or file hash, for file sources) the pipeline has seen from the source. */
  watermark: string | null;
  /** Newest record time in the published data ("Data to"). */
  dataTo: string | null;
  firstMonth: string | null;
  lastMonth: string | null;
  monthsCovered: number;
  rowsLoaded: number;
  rowsQuarantined: number;
  /** Requests whose type the crosswalk does not map (category "Other"). */
  rowsUnmapped: number;
  lastRun: StatusRun | null;
  lastSuccess: StatusRun | null;
  stale: boolean;
  freshness: FreshnessVerdict;
}

export interface StatusResponse {
  generatedAt: string;
  cities: CityStatus[];
}

type Cell = string | number | boolean | null;

/** One extra run record, as data/runs.jsonl holds it (pipeline/run-log.ts). */
export interface LoggedRun {
  run_id: string;
  city: string;
  source: string;
  finished: string;
  status: 'success' | 'failed';
  step: string | null;
  rows_loaded: number;
  rows_quarantined: number;
}

export async function getStatus(
  warehouse: Warehouse,
  options: { now?: Date; extraRuns?: readonly LoggedRun[]; city?: string } = {},
): Promise<StatusResponse> {
  const now = options.now ?? new Date();
  const configs = [...loadCities().values()].filter(
    (c) => options.city === undefined || c.id === options.city,
  );
  const [cities, states, runs, quarantined, months] = await Promise.all([
    warehouse.query<Record<string, Cell>>(
      `select city, cast(first_month as varchar) as first_month, cast(last_month as varchar) as last_month,
         cast(freshness as varchar) as freshness, rows_loaded from dim_city`,
    ),
    warehouse.query<Record<string, Cell>>(
      `select city, max(watermark) as watermark from source_state group by city`,
    ),
    warehouse.query<Record<string, Cell>>(
      `select run_id, city, source, status, cast(finished as varchar) as finished, rows_loaded,
         rows_quarantined, step from pipeline_runs where finished is not null`,
    ),
    warehouse.query<Record<string, Cell>>(
      `select city, count(*) as n from quarantine group by city`,
    ),
    warehouse.query<Record<string, Cell>>(
      `select city, count(distinct month) as months,
         sum(case when category = ? then opened else 0 end) as unmapped
       from mart_area_month where level = '_city' group by city`,
      [UNMAPPED_CATEGORY],
    ),
  ]);
  const byCity = <T extends Record<string, Cell>>(rows: T[]) =>
    new Map(rows.map((row) => [String(row.city), row]));
  const cityRows = byCity(cities);
  const stateRows = byCity(states);
  const quarantineRows = byCity(quarantined);
  const monthRows = byCity(months);

  const allRuns = new Map<string, StatusRun & { city: string }>();
  for (const row of runs) {
    const run = toRun(row);
    allRuns.set(`${run.runId}|${run.city}`, run);
  }
  for (const record of options.extraRuns ?? []) {
    const key = `${record.run_id}|${record.city}`;
    if (allRuns.has(key)) continue;
    allRuns.set(key, {
      city: record.city,
      runId: record.run_id,
      source: record.source,
      status: record.status,
      finished: normaliseTime(record.finished),
      rowsLoaded: record.rows_loaded,
      rowsQuarantined: record.rows_quarantined,
      step: record.step,
    });
  }

  return {
    generatedAt: now.toISOString(),
    cities: configs.map((config) => {
      const cityRuns = [...allRuns.values()]
        .filter((r) => r.city === config.id)
        .sort((a, b) => a.finished.localeCompare(b.finished));
      const verdict = assessFreshness(
        cityRuns.map<FreshnessRun>((r) => ({
          source: r.source,
          status: r.status,
          finished: r.finished,
          rowsLoaded: r.rowsLoaded,
        })),
        config.cadence,
        now,
      );
      const row = cityRows.get(config.id);
      const strip = (run: (StatusRun & { city: string }) | undefined): StatusRun | null => {
        if (!run) return null;
        const { city: _city, ...rest } = run;
        return rest;
      };
      return {
        city: config.id,
        name: config.name,
        cadence: config.cadence,
        loaded: row !== undefined && row.last_month !== null,
        watermark: str(stateRows.get(config.id)?.watermark),
        dataTo: str(row?.freshness),
        firstMonth: str(row?.first_month),
        lastMonth: str(row?.last_month),
        monthsCovered: num(monthRows.get(config.id)?.months),
        rowsLoaded: num(row?.rows_loaded),
        rowsQuarantined: num(quarantineRows.get(config.id)?.n),
        rowsUnmapped: num(monthRows.get(config.id)?.unmapped),
        lastRun: strip(cityRuns.at(-1)),
        lastSuccess: strip(cityRuns.filter((r) => r.status === 'success').at(-1)),
        stale: verdict.stale,
        freshness: verdict,
      };
    }),
  };
}

function toRun(row: Record<string, Cell>): StatusRun & { city: string } {
  return {
    city: String(row.city),
    runId: String(row.run_id),
    source: String(row.source),
    status: row.status === 'success' ? 'success' : 'failed',
    finished: normaliseTime(String(row.finished)),
    rowsLoaded: num(row.rows_loaded),
    rowsQuarantined: num(row.rows_quarantined),
    step: str(row.step),
  };
}

/** "2026-12-01 10:00:00" and "2026-12-01T10:00:00.000Z" both become "2026-12-01T10:00:00Z". */
export function normaliseTime(value: string): string {
  const t = value.trim().replace(' ', 'T').replace(/\.\d+/, '').replace(/Z$/, '');
  return `${t.slice(0, 19)}Z`;
}

function str(value: Cell | undefined): string | null {
  return value === null || value === undefined ? null : String(value);
}

function num(value: Cell | undefined): number {
  return value === null || value === undefined ? 0 : Number(value);
}
