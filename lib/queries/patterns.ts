/**
 * When requests arrive: the weekday × hour-of-opening grid of a view from mart_patterns (local
 * wall-clock hours as published), with the peak named in words. Months whose source publishes
 * dates only (has_open_times false in the mart) are counted apart as `untimed`, so the grid and
 * the untimed count add up to the view's total. One query per widget.
 */
import 'server-only';
import { z } from 'zod';
import type { View } from '@/lib/view';
import type { Warehouse } from '@/lib/warehouse/types';
import type { PatternsResponse } from '@/lib/api/types';
import { OPEN_TIMES_NOT_PUBLISHED, OPEN_TIMES_PARTIAL } from '@/lib/api/texts';
import { busiestSentence, findPeaks, peakSentence, shapeGrid } from '@/lib/patterns-shape';
import { count, flag, queryRows } from './rows';
import { buildFilters, sql } from './filters-sql';
import { getChartContext, num, scopeOf } from './chart-context';

export async function getPatterns(wh: Warehouse, view: View): Promise<PatternsResponse> {
  const context = await getChartContext(wh, view);
  const where = buildFilters(context.view, {
    table: 'mart_patterns',
    range: context.range,
    ...scopeOf(context),
  });
  const rows = await queryRows(
    wh,
    sql`select weekday, hour, has_open_times, sum(n) as n
      from mart_patterns where ${where}
      group by weekday, hour, has_open_times`,
    {
      weekday: z.number().int().min(1).max(7),
      hour: z.number().int().min(0).max(23),
      has_open_times: flag,
      n: count,
    },
  );
  const timedRows = rows.filter((row) => row.has_open_times === true);
  const untimed = rows
    .filter((row) => row.has_open_times !== true)
    .reduce((sum, row) => sum + num(row.n), 0);
  const grid = shapeGrid(
    timedRows.map((row) => ({ weekday: row.weekday, hour: row.hour, count: num(row.n) })),
  );
  const timed = grid.reduce((sum, row) => sum + row.total, 0);
  const nouns = context.city.nouns;
  const peaks = findPeaks(grid);
  const hasOpenTimes = timed > 0 || untimed === 0;
  return {
    meta: context.meta,
    timezone: context.city.timezone,
    hasOpenTimes,
    rows: grid,
    total: timed + untimed,
    timed,
    untimed,
    peak: peaks.window,
    busiestDay: peaks.day,
    busiestHour: peaks.hour,
    summary: peaks.window
      ? [peakSentence(peaks.window, nouns), busiestSentence(peaks.day, peaks.hour)].join(' ')
      : null,
    note: !hasOpenTimes
      ? OPEN_TIMES_NOT_PUBLISHED(nouns)
      : untimed > 0
        ? OPEN_TIMES_PARTIAL(untimed, nouns)
        : null,
  };
}
