/**
 * Stage "parquet": the typed records of the months a run touched, as Parquet partitions in the lake.
 */
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { CityConfig } from '@/lib/cities';
import type { DuckDbWarehouse } from '@/lib/warehouse/duckdb/connection';
import { sql } from '../sql-files';
import { literal } from '../sql-text';

export async function writeParquet(
  db: DuckDbWarehouse,
  city: CityConfig,
  lakeDir: string,
  affected: Set<string>,
) {
  const dir = path.join(lakeDir, 'typed', `city=${city.id}`);
  await mkdir(dir, { recursive: true });
  await db.run(sql('marts/parquet_affected_months.sql', { dir: literal(dir) }), [city.id]);
  return { months: affected.size };
}
