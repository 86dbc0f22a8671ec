/**
 * Rebuilds `mart_anomaly` for one city: the last complete month (pipeline/sql/marts/
 * mart_anomaly.sql) and, where the data is daily, the last complete week (mart_anomaly_week.sql),
 * the two sharing their expectation and columns (anomaly_expected.sql);
 * then fills in each test's p-value and flag (lib/anomaly.ts): SQL does the counting, this file
 * the test. Each level and period is one family for Benjamini–Hochberg.
 */
import {
  ANOMALY_MIN_EXPECTED,
  hasDailyData,
  lastCompleteMonth,
  lastCompleteWeek,
  testAnomalies,
} from '@/lib/anomaly';
import type { DuckDbWarehouse } from '@/lib/warehouse/duckdb/connection';
import { sql } from './sql-files';

/** Rows per insert of the test results. */
const BATCH = 500;

/** Days the weekly test looks at: the 12 trailing weeks and the tested week. */
const WEEK_WINDOW_DAYS = 13 * 7;

/** The model of one period: its counts and seasons, then the shared expectation and columns. */
export function anomalyModel(period: 'month' | 'week'): string {
  const file = period === 'month' ? 'marts/mart_anomaly.sql' : 'marts/mart_anomaly_week.sql';
  return sql(file, { expected: sql('marts/anomaly_expected.sql') });
}

export async function rebuildAnomalyMart(
  db: DuckDbWarehouse,
  city: string,
): Promise<{ month: string | null; week: string | null; tests: number; flagged: number }> {
  await db.run('delete from mart_anomaly where city = ?', [city]);
  const [newest] = await db.query<{ newest: string | null }>(
    `select strftime(max(opened), '%Y-%m-%d') as newest from fact_requests where city = ?`,
    [city],
  );
  if (!newest?.newest) return { month: null, week: null, tests: 0, flagged: 0 };
  const month = lastCompleteMonth(newest.newest);
  await db.run(`insert into mart_anomaly by name ${anomalyModel('month')}`, [
    city,
    month,
    ANOMALY_MIN_EXPECTED,
  ]);

  // Weekly only where the data is daily: requests on most days of the weeks compared.
  const week = lastCompleteWeek(newest.newest);
  const [days] = await db.query<{ days: number }>(
    `select count(distinct cast(opened as date)) as days from fact_requests
     where city = ? and opened >= cast(? as date) - interval 84 day
       and opened < cast(? as date) + interval 7 day`,
    [city, week, week],
  );
  const weekly = hasDailyData(Number(days?.days ?? 0), WEEK_WINDOW_DAYS);
  if (weekly) {
    await db.run(`insert into mart_anomaly by name ${anomalyModel('week')}`, [
      city,
      week,
      ANOMALY_MIN_EXPECTED,
    ]);
  }

  interface Cell {
    [key: string]: string | number;
    level: string;
    area_key: string;
    dimension: string;
    value: string;
    period: string;
    observed: number;
    expected: number;
  }
  const rows = await db.query<Cell>(
    `select level, area_key, dimension, value, period, observed, expected
     from mart_anomaly where city = ?`,
    [city],
  );
  const tested = { month, week: weekly ? week : null };
  if (rows.length === 0) return { ...tested, tests: 0, flagged: 0 };
  // One family of tests per level and period: BH across every type and category test of it.
  const families = new Map<string, Cell[]>();
  for (const row of rows) {
    const key = `${row.level}\u0000${row.period}`;
    const family = families.get(key) ?? [];
    family.push(row);
    families.set(key, family);
  }
  const results: { cell: Cell; p: number; flagged: boolean }[] = [];
  for (const family of families.values()) {
    testAnomalies(
      family.map((c) => ({ observed: Number(c.observed), expected: Number(c.expected) })),
    ).forEach((r, i) => results.push({ cell: family[i]!, p: r.pValue, flagged: r.flagged }));
  }
  await db.run(
    `create or replace temp table anomaly_results
       (level varchar, area_key varchar, dimension varchar, value varchar, period varchar,
        p double, flagged boolean)`,
  );
  for (let i = 0; i < results.length; i += BATCH) {
    const batch = results.slice(i, i + BATCH);
    await db.run(
      `insert into anomaly_results values ${batch.map(() => '(?, ?, ?, ?, ?, ?, ?)').join(', ')}`,
      batch.flatMap((r) => [
        r.cell.level,
        r.cell.area_key,
        r.cell.dimension,
        r.cell.value,
        r.cell.period,
        r.p,
        r.flagged,
      ]),
    );
  }
  await db.run(
    `update mart_anomaly as m set p_value = r.p, flagged = r.flagged
     from anomaly_results as r
     where m.city = ? and m.level = r.level and m.area_key = r.area_key
       and m.dimension = r.dimension and m.value = r.value and m.period = r.period`,
    [city],
  );
  const flagged = results.filter((r) => r.flagged).length;
  return { ...tested, tests: results.length, flagged };
}
