/**
 * Stage "marts": the months a run touched are deleted from the marts and rebuilt from the SQL
 * models in pipeline/sql/marts.
 */
import type { CityConfig } from '@/lib/cities';
import { bucketSqlCase } from '@/lib/resolution-buckets';
import type { DuckDbWarehouse } from '@/lib/warehouse/duckdb/connection';
import { rebuildAnomalyMart } from '../anomaly';
import { readSql, sqlDir } from '../sql-files';
import type { PipelineOptions } from '../types';

export async function rebuildMarts(
  db: DuckDbWarehouse,
  city: CityConfig,
  options: PipelineOptions,
  affected: Set<string>,
): Promise<number> {
  await db.run('create or replace temp table affected_months (month date)');
  if (affected.size === 0) return 0;
  for (const month of [...affected].sort()) {
    await db.run('insert into affected_months values (cast(? as date))', [month]);
  }
  const asOf = await db.query<{ as_of: string | null }>(
    `select strftime(max(coalesce(updated, opened)), '%Y-%m-%dT%H:%M:%S') as as_of from fact_requests where city = ?`,
    [city.id],
  );
  const asOfValue = asOf[0]?.as_of ?? '1970-01-01T00:00:00';
  await db.run(
    'delete from mart_area_month where city = ? and month in (select month from affected_months)',
    [city.id],
  );
  await db.run(
    `insert into mart_area_month by name ${readSql(options.rootDir, 'marts/mart_area_month.sql')}`,
    [city.id, asOfValue],
  );
  await db.run(
    'delete from mart_resolution_hist where city = ? and month in (select month from affected_months)',
    [city.id],
  );
  await db.run(
    `insert into mart_resolution_hist by name ${readSql(options.rootDir, 'marts/mart_resolution_hist.sql').replaceAll('{{bucket}}', bucketSqlCase('resolution_hours'))}`,
    [city.id],
  );
  await rebuildAnomalyMart(db, city.id, sqlDir(options.rootDir));
  return affected.size;
}
