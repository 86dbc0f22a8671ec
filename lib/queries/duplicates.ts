/**
 * Requests and problems (duplicates=): the city-wide count of requests and of problems for a
 * view's filters, whichever way the view counts, from the marts' is_problem_first (every
 * area × month mart keeps it, so the smallest one that can answer the view's filters does).
 */
import 'server-only';
import { mergedSentence, type CityKind } from '@/lib/api/texts';
import type { DuplicateTotals } from '@/lib/api/types';
import type { View } from '@/lib/view';
import type { Warehouse } from '@/lib/warehouse/types';
import { buildFilters, CITY_LEVEL, raw, sql, type MonthRange } from './filters-sql';
import { chooseAreaMonthMart, hasPreAggregates } from './mart-choice';
import { count, queryRow } from './rows';

/** The duplicates block of an answer from the two counts (requests, and problems among them). */
export function duplicateTotals(
  view: View,
  counts: { requests: number; problems: number },
  kind: CityKind,
): DuplicateTotals {
  return {
    mode: view.duplicates === 'merged' ? 'merged' : 'kept',
    ...counts,
    sentence: mergedSentence(counts, kind),
  };
}

export async function getDuplicateTotals(
  warehouse: Warehouse,
  view: View,
  range: MonthRange,
  kind: CityKind,
): Promise<DuplicateTotals> {
  const all = { ...view, duplicates: undefined };
  const table = chooseAreaMonthMart(all, { preAggregates: hasPreAggregates(warehouse) });
  const where = buildFilters(all, { range, level: CITY_LEVEL, table });
  const row = await queryRow(
    warehouse,
    sql`select sum(opened) as requests, sum(opened) filter (where is_problem_first) as problems
     from ${raw(table)} where ${where}`,
    { requests: count, problems: count },
  );
  const counts = { requests: Number(row?.requests ?? 0), problems: Number(row?.problems ?? 0) };
  return duplicateTotals(view, counts, kind);
}
