/**
 * Stage "assign areas": each changed request's area at every level of the city, from the file's
 * area columns where it has them, by point-in-polygon otherwise.
 */
import { boundaryFile, type CityConfig, type Layout } from '@/lib/cities';
import type { DuckDbWarehouse } from '@/lib/warehouse/duckdb/connection';
import { progress } from '../progress';
import { loadAreaIndex } from '../spatial';
import { sql } from '../sql-files';
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
        sql('intermediate/fact_request_area_from_column.sql', {
          area: ident(`area__${level.id}`),
        }),
        [level.id],
      );
      continue;
    }
    const [{ n: total } = { n: 0 }] = await db.query<{ n: number }>(
      sql('staging/stg_changes_count.sql'),
    );
    if (total === 0) continue;
    if (layout.areaColumns[level.id]?.length) {
      // No coordinates, but the file names the area (a district, a neighbourhood): by key or name.
      await db.run(
        sql('intermediate/fact_request_area_from_name.sql', {
          fallback: ident(`areafb__${level.id}`),
        }),
        [level.id],
      );
    }
    const index = loadAreaIndex(level.id, boundaryFile(root, level));
    // Only numbers cross into JavaScript, in chunks: the row's position in stg_changes out,
    // the area's position in the index back. Keys and ids are joined again in SQL.
    await db.run(sql('intermediate/spatial_scratch.sql'));
    const keyAppender = await db.connection.createAppender('area_keys');
    index.keys.forEach((key, i) => {
      keyAppender.appendInteger(i);
      keyAppender.appendVarchar(key);
      keyAppender.endRow();
    });
    keyAppender.closeSync();
    const appender = await db.connection.createAppender('spatial_assign');
    for (let start = 0; start < total; start += SPATIAL_CHUNK) {
      progress.update(start / total);
      const chunk = await db.connection.runAndReadAll(sql('staging/stg_points.sql'), [
        start,
        start + SPATIAL_CHUNK,
      ]);
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
    await db.run(sql('intermediate/fact_request_area_from_points.sql'), [level.id]);
  }
}
