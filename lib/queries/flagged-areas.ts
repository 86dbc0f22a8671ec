/**
 * The areas of a level flagged "unusual this month" in mart_anomaly, for the view's type and
 * category filters (a view filtered to a type marks only that type's flags; no filter marks
 * every flag). The anomaly test runs on all requests of the last complete month, whatever the
 * view's range, channel or status.
 */
import 'server-only';
import { z } from 'zod';
import type { View } from '@/lib/view';
import type { Warehouse } from '@/lib/warehouse/types';
import { joinSql, sql, type SqlFragment } from './filters-sql';
import { isoDate, queryRows } from './rows';

export interface FlaggedAreas {
  month: string | null;
  /** area_key → the flagged types and categories, strongest first. */
  byArea: Map<string, string[]>;
}

export async function getFlaggedAreas(wh: Warehouse, view: View): Promise<FlaggedAreas> {
  const dimensions: SqlFragment[] = [];
  for (const dimension of ['type', 'category'] as const) {
    const values = view[dimension];
    if (values?.length) {
      dimensions.push(
        sql`(dimension = ${dimension} and value in (${joinSql(
          values.map((v) => sql`${v}`),
          ', ',
        )}))`,
      );
    }
  }
  const which = dimensions.length ? sql`(${joinSql(dimensions, ' or ')})` : sql`true`;
  const rows = await queryRows(
    wh,
    sql`select cast(area_key as varchar) as area_key, value, cast(month as varchar) as month
     from mart_anomaly
     where city = ${view.city} and level = ${view.level} and flagged and ${which}
     order by p_value, ratio desc, area_key, value`,
    { area_key: z.string(), value: z.string(), month: isoDate },
  );
  const byArea = new Map<string, string[]>();
  for (const row of rows) {
    const list = byArea.get(row.area_key) ?? [];
    if (!list.includes(row.value)) list.push(row.value);
    byArea.set(row.area_key, list);
  }
  return { month: rows[0]?.month ?? null, byArea };
}
