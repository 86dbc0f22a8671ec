/**
 * Rebuilds `mart_anomaly` for one city (pipeline/sql/marts/mart_anomaly.sql), then fills in
 * each test's p-value and flag (lib/anomaly.ts): SQL does the counting, this file the test.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ANOMALY_MIN_EXPECTED, lastCompleteMonth, testAnomalies } from '@/lib/anomaly';
import type { DuckDbWarehouse } from '@/lib/warehouse/duckdb/connection';

/** Rows per insert of the test results. */
const BATCH = 500;

export async function rebuildAnomalyMart(
  db: DuckDbWarehouse,
  city: string,
  sqlDir: string,
): Promise<{ month: string | null; tests: number; flagged: number }> {
  await db.run('delete from mart_anomaly where city = ?', [city]);
  const [newest] = await db.query<{ newest: string | null }>(
    `select strftime(max(opened), '%Y-%m-%d') as newest from fact_requests where city = ?`,
    [city],
  );
  if (!newest?.newest) return { month: null, tests: 0, flagged: 0 };
  const month = lastCompleteMonth(newest.newest);
  const sql = readFileSync(path.join(sqlDir, 'marts', 'mart_anomaly.sql'), 'utf8');
  await db.run(`insert into mart_anomaly ${sql}`, [city, month, ANOMALY_MIN_EXPECTED]);

  interface Cell {
    [key: string]: string | number;
    level: string;
    area_key: string;
    dimension: string;
    value: string;
    observed: number;
    expected: number;
  }
  const rows = await db.query<Cell>(
    `select level, area_key, dimension, value, observed, expected from mart_anomaly where city = ?`,
    [city],
  );
  if (rows.length === 0) return { month, tests: 0, flagged: 0 };
  // One family of tests per level: BH across every type and category test of that level.
  const byLevel = new Map<string, Cell[]>();
  for (const row of rows) {
    const family = byLevel.get(row.level) ?? [];
    family.push(row);
    byLevel.set(row.level, family);
  }
  const results: { cell: Cell; p: number; flagged: boolean }[] = [];
  for (const family of byLevel.values()) {
    testAnomalies(
      family.map((c) => ({ observed: Number(c.observed), expected: Number(c.expected) })),
    ).forEach((r, i) => results.push({ cell: family[i]!, p: r.pValue, flagged: r.flagged }));
  }
  await db.run(
    `create or replace temp table anomaly_results
       (level varchar, area_key varchar, dimension varchar, value varchar, p double, flagged boolean)`,
  );
  for (let i = 0; i < results.length; i += BATCH) {
    const batch = results.slice(i, i + BATCH);
    await db.run(
      `insert into anomaly_results values ${batch.map(() => '(?, ?, ?, ?, ?, ?)').join(', ')}`,
      batch.flatMap((r) => [
        r.cell.level,
        r.cell.area_key,
        r.cell.dimension,
        r.cell.value,
        r.p,
        r.flagged,
      ]),
    );
  }
  await db.run(
    `update mart_anomaly as m set p_value = r.p, flagged = r.flagged
     from anomaly_results as r
     where m.city = ? and m.level = r.level and m.area_key = r.area_key
       and m.dimension = r.dimension and m.value = r.value`,
    [city],
  );
  const flagged = results.filter((r) => r.flagged).length;
  return { month, tests: results.length, flagged };
}
