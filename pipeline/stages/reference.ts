/**
 * Stage "reference": the city's areas (boundaries and population) into dim_area, its category
 * crosswalk, and its bounding box for the location checks of the staging models.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { boundaryFile, populationFile, type CityConfig } from '@/lib/cities';
import type { DuckDbWarehouse } from '@/lib/warehouse/duckdb/connection';
import { loadCrosswalk } from '../crosswalk';
import { literal } from '../sql-text';

export async function loadReference(db: DuckDbWarehouse, city: CityConfig, root: string) {
  await db.run('delete from dim_area where city = ?', [city.id]);
  for (const level of city.levels) {
    const boundary = boundaryFile(root, level);
    const population = populationFile(root, city, level);
    const hasPopulation = level.hasPopulation && existsSync(population);
    await db.run(
      `insert into dim_area
       with features as (select unnest(features) as f from read_json(${literal(boundary)}, maximum_object_size = 268435456)),
       areas as (select cast(f.properties.area_key as varchar) as area_key, cast(f.properties.area_name as varchar) as area_name from features)
       select ?, ?, a.area_key, a.area_name, ${hasPopulation ? 'p.population' : 'cast(null as double)'}
       from areas a
       ${hasPopulation ? `left join read_csv(${literal(population)}, header = true, columns = {'area_key': 'VARCHAR', 'population': 'DOUBLE'}) p using (area_key)` : ''}`,
      [city.id, level.id],
    );
  }
  const crosswalk = await loadCrosswalk(db, city, path.join(root, city.crosswalk));
  const [west, south, east, north] = city.bbox;
  await db.run(
    'create or replace temp table city_bbox as select ?::double as west, ?::double as south, ?::double as east, ?::double as north',
    [west, south, east, north],
  );
  const rows = await db.query<{ n: number }>('select count(*) as n from dim_area where city = ?', [
    city.id,
  ]);
  return { rows: rows[0]?.n ?? 0, ...crosswalk };
}
