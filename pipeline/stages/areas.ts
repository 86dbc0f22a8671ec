/**
 * Stage "assign areas": each changed request's area at every level of the city, from the file's
 * area columns where it has them, by point-in-polygon otherwise.
 */
import { boundaryFile, type CityConfig, type Layout } from '@/lib/cities';
import type { DuckDbWarehouse } from '@/lib/warehouse/duckdb/connection';
import { progress } from '../progress';
import { loadAreaIndex } from '../spatial';
import { ident } from '../sql-text';

/** Rows per round trip of the spatial join: bounds the memory JavaScript holds. */
const SPATIAL_CHUNK = 500_000;

/** Area keys from columns where the layout has them, point-in-polygon for the other levels. */
export async function assignAreas(
  db: DuckDbWarehouse,
  city: CityConfig,
  layout: Layout,
  root: string,
) {
  for (const level of city.levels) {
    if (layout.areas[level.id]) {
      // Only keys that name a real area count; others ("Int", blanks) stay unlocated here.
      await db.run(
        `insert into fact_request_area
         select c.city, c.request_id, ?, k.${ident(`area__${level.id}`)}
         from stg_changes c join stg_checked k on k.line = c.line
         join dim_area d on d.city = c.city and d.level = ? and d.area_key = k.${ident(`area__${level.id}`)}
         where c.location_flag = 'ok'`,
        [level.id, level.id],
      );
      continue;
    }
    const [{ n: total } = { n: 0 }] = await db.query<{ n: number }>(
      'select count(*) as n from stg_changes',
    );
    if (total === 0) continue;
    if (layout.areaColumns[level.id]?.length) {
      // No coordinates, but the file names the area (a district, a neighbourhood): by key or name.
      const fallback = `k.${ident(`areafb__${level.id}`)}`;
      await db.run(
        `insert into fact_request_area
         select c.city, c.request_id, ?, d.area_key
         from stg_changes c join stg_checked k on k.line = c.line
         join dim_area d on d.city = c.city and d.level = ?
           and (d.area_key = ${fallback} or lower(d.area_name) = lower(${fallback}))
         where c.location_flag = 'ok' and (c.longitude is null or c.latitude is null)
         qualify row_number() over (partition by c.request_id order by d.area_key = ${fallback} desc, d.area_key) = 1`,
        [level.id, level.id],
      );
    }
    const index = loadAreaIndex(level.id, boundaryFile(root, level));
    // Only numbers cross into JavaScript, in chunks: the row's position in stg_changes out,
    // the area's position in the index back. Keys and ids are joined again in SQL.
    await db.run('create or replace temp table area_keys (idx integer, area_key varchar)');
    const keyAppender = await db.connection.createAppender('area_keys');
    index.keys.forEach((key, i) => {
      keyAppender.appendInteger(i);
      keyAppender.appendVarchar(key);
      keyAppender.endRow();
    });
    keyAppender.closeSync();
    await db.run('create or replace temp table spatial_assign (rid bigint, idx integer)');
    const appender = await db.connection.createAppender('spatial_assign');
    for (let start = 0; start < total; start += SPATIAL_CHUNK) {
      progress.update(start / total);
      const chunk = await db.connection.runAndReadAll(
        `select rowid, longitude, latitude from stg_changes
         where rowid >= ? and rowid < ? and location_flag = 'ok'
           and longitude is not null and latitude is not null`,
        [start, start + SPATIAL_CHUNK],
      );
      const [rowids = [], longitudes = [], latitudes = []] = chunk.getColumnsJS() as [
        bigint[],
        number[],
        number[],
      ];
      for (let i = 0; i < rowids.length; i++) {
        const area = index.assignIndex(longitudes[i]!, latitudes[i]!);
        if (area < 0) continue;
        appender.appendBigInt(rowids[i]!);
        appender.appendInteger(area);
        appender.endRow();
      }
    }
    appender.closeSync();
    await db.run(
      `insert into fact_request_area
       select c.city, c.request_id, ?, k.area_key
       from spatial_assign s
       join stg_changes c on c.rowid = s.rid
       join area_keys k on k.idx = s.idx`,
      [level.id],
    );
  }
}
