/**
 * Stage "placeholders": coordinates that pile up unnaturally are flagged and leave the area maps.
 */
import type { CityConfig } from '@/lib/cities';
import type { DuckDbWarehouse } from '@/lib/warehouse/duckdb/connection';

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
  await db.run(
    `create or replace temp table placeholder_points as
     with points as (
       select round(longitude, 5) as x, round(latitude, 5) as y, count(*) as n
       from fact_requests
       where city = ? and location_flag in ('ok', 'placeholder') and latitude is not null
       group by all
     ), busiest as (select n from points order by n desc limit 100),
     typical as (select quantile_cont(n, 0.5) as median from busiest)
     select x, y, n from points, typical where n >= 10 and n >= 15 * typical.median`,
    [city.id],
  );
  const months = await db.query<{ month: string }>(
    `select distinct strftime(f.month, '%Y-%m-%d') as month from fact_requests f
     join placeholder_points p on round(f.longitude, 5) = p.x and round(f.latitude, 5) = p.y
     where f.city = ? and f.location_flag = 'ok'`,
    [city.id],
  );
  for (const { month } of months) affected.add(month);
  await db.run(
    `update fact_requests f set location_flag = 'placeholder'
     from placeholder_points p
     where f.city = ? and f.location_flag = 'ok' and round(f.longitude, 5) = p.x and round(f.latitude, 5) = p.y`,
    [city.id],
  );
  await db.run(
    `delete from fact_request_area a where a.city = ? and a.request_id in
       (select request_id from fact_requests where city = ? and location_flag = 'placeholder')`,
    [city.id, city.id],
  );
  const points = await db.query<{ n: number; rows: number }>(
    'select count(*) as n, coalesce(sum(n), 0) as rows from placeholder_points',
  );
  return { points: points[0]?.n ?? 0, rows: points[0]?.rows ?? 0 };
}
