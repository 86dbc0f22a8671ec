/**
 * Requests and problems (duplicates=): the city-wide count of requests and of problems for a
 * view's filters, whichever way the view counts, from mart_area_month's is_problem_first.
 */
import 'server-only';
import { mergedSentence, type CityKind } from '@/lib/api/texts';
import type { DuplicateTotals } from '@/lib/api/types';
import type { View } from '@/lib/view';
import type { Warehouse } from '@/lib/warehouse/types';
import { buildFilters, CITY_LEVEL, sql, type MonthRange } from './filters-sql';
import { count, queryRow } from './rows';

export async function getDuplicateTotals(
  warehouse: Warehouse,
  view: View,
  range: MonthRange,
  kind: CityKind,
): Promise<DuplicateTotals> {
  const where = buildFilters({ ...view, duplicates: undefined }, { range, level: CITY_LEVEL });
  const row = await queryRow(
    warehouse,
    sql`select sum(opened) as requests, sum(opened) filter (where is_problem_first) as problems
     from mart_area_month where ${where}`,
    { requests: count, problems: count },
  );
  const counts = { requests: Number(row?.requests ?? 0), problems: Number(row?.problems ?? 0) };
  return {
    mode: view.duplicates === 'merged' ? 'merged' : 'kept',
    ...counts,
    sentence: mergedSentence(counts, kind),
  };
}
