/**
 * Stage "placeholders": coordinates that pile up unnaturally are flagged and leave the area maps.
 */
import type { CityConfig } from '@/lib/cities';
import type { DuckDbWarehouse } from '@/lib/warehouse/duckdb/connection';
import { sql } from '../sql-files';

/**
 * Many cities geocode an unknown address to one point (often city hall). Such pile-ups are found
 * in the data, not hard-coded: a spike, one exact coordinate holding at least 10 requests and at
 * least 15 times the median of the city's 100 busiest points. Real busy corners form a smooth
 * tail and stay; the spike's requests stay in city-wide figures but leave the area maps.
 */
export async function flagPlaceholders(
  db: DuckDbWarehouse,
  city: CityConfig,
  affected: Set<string>,
) {
  await db.run(sql('intermediate/placeholder_points.sql'), [city.id]);
  const months = await db.query<{ month: string }>(sql('intermediate/placeholder_months.sql'), [
    city.id,
  ]);
  for (const { month } of months) affected.add(month);
  await db.run(sql('intermediate/placeholder_flag.sql'), [city.id]);
  await db.run(sql('intermediate/placeholder_unplace.sql'), [city.id]);
  const points = await db.query<{ n: number; rows: number }>(
    sql('intermediate/placeholder_counts.sql'),
  );
  return { points: points[0]?.n ?? 0, rows: points[0]?.rows ?? 0 };
}
