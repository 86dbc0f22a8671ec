/**
 * Stage "quality gate": a city whose run quarantined more than its threshold stops here, with
 * the commonest reasons and where the quarantined rows are kept.
 */
import path from 'node:path';
import type { CityConfig } from '@/lib/cities';
import type { DuckDbWarehouse } from '@/lib/warehouse/duckdb/connection';
import { failedDir } from '../run-log';
import { sql } from '../sql-files';
import type { CityRunSummary } from '../types';

export class QualityError extends Error {
  override name = 'QualityError';
}

/** Throws a QualityError when the share of quarantined rows is above the city's threshold. */
export async function qualityGate(
  db: DuckDbWarehouse,
  city: CityConfig,
  summary: CityRunSummary,
  warehousePath: string,
  runId: string,
): Promise<{ rows: number }> {
  if (
    summary.rowsRead > 0 &&
    summary.rowsQuarantined / summary.rowsRead > city.quarantineThreshold
  ) {
    const kept = path.relative(
      process.cwd(),
      path.join(failedDir(path.dirname(path.resolve(warehousePath)), runId), 'quarantine.parquet'),
    );
    throw new QualityError(
      `${city.id}: ${summary.rowsQuarantined} of ${summary.rowsRead} rows quarantined ` +
        `(${((100 * summary.rowsQuarantined) / summary.rowsRead).toFixed(1)}%), above the threshold of ` +
        `${(100 * city.quarantineThreshold).toFixed(1)}%. ${await firstReasons(db, city.id, runId)} The quarantined rows and their reasons are kept in ${kept}.`,
    );
  }
  return { rows: summary.rowsRead };
}

/** The run's commonest quarantine reasons with one example line each, for the threshold error. */
async function firstReasons(db: DuckDbWarehouse, cityId: string, runId: string): Promise<string> {
  const reasons = await db.query<{ reason: string; n: number; file: string; line: number | null }>(
    sql('staging/quarantine_reasons.sql'),
    [cityId, runId],
  );
  if (reasons.length === 0) return 'See the quarantine table for reasons.';
  const listed = reasons
    .map((r) => `${r.reason} (${r.n} rows, first: ${r.file} line ${r.line ?? '?'})`)
    .join('; ');
  return `Reasons: ${listed}. See the quarantine table for every row.`;
}
