/**
 * Stage "reference": the city's areas (boundaries and population) into dim_area, its category
 * crosswalk, and its bounding box for the location checks of the staging models.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { boundaryFile, populationFile, type CityConfig } from '@/lib/cities';
import type { DuckDbWarehouse } from '@/lib/warehouse/duckdb/connection';
import { loadCrosswalk } from '../crosswalk';
import { sql } from '../sql-files';
import { literal } from '../sql-text';

export async function loadReference(db: DuckDbWarehouse, city: CityConfig, root: string) {
  await db.run(sql('staging/dim_area_delete.sql'), [city.id]);
  for (const level of city.levels) {
    const boundary = boundaryFile(root, level);
    const population = populationFile(root, city, level);
    const hasPopulation = level.hasPopulation && existsSync(population);
    await db.run(
      sql('staging/dim_area_load.sql', {
        boundary: literal(boundary),
        population_value: hasPopulation ? 'p.population' : 'cast(null as double)',
        population_join: hasPopulation
          ? `left join read_csv(${literal(population)}, header = true, columns = {'area_key': 'VARCHAR', 'population': 'DOUBLE'}) as p using (area_key)`
          : '',
      }),
      [city.id, level.id],
    );
  }
  const crosswalk = await loadCrosswalk(db, city, path.join(root, city.crosswalk));
  const [west, south, east, north] = city.bbox;
  await db.run(sql('staging/city_bbox.sql'), [west, south, east, north]);
  const rows = await db.query<{ n: number }>(sql('staging/dim_area_count.sql'), [city.id]);
  return { rows: rows[0]?.n ?? 0, ...crosswalk };
}
