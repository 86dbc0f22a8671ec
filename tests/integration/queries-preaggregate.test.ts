/**
 * The independent check of the pre-aggregates: every endpoint answers the same figures from the
 * smallest pre-aggregate (lib/queries/mart-choice.ts) as from the full marts, for a set of views
 * (no filter, status, category, type, channel, one month to all data, city-wide and one area),
 * on a warehouse the real pipeline built from the bundled samples. The queries are recorded so
 * the test also proves the two answers really came from different tables.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

vi.mock('server-only', () => ({}));

import { getAreaProfile } from '@/lib/queries/area-profile';
import { getBreakdown } from '@/lib/queries/breakdown';
import { getChoropleth } from '@/lib/queries/choropleth';
import { getFilterOptions } from '@/lib/queries/cities';
import { getHeatmap } from '@/lib/queries/heatmap';
import { getResolution, getResolutionEstimate } from '@/lib/queries/resolution';
import { getTrends } from '@/lib/queries/trends';
import { type View } from '@/lib/view';
import { parseView } from '@/lib/view/schema';
import type { Param, Row, Warehouse } from '@/lib/warehouse/types';
import { buildAppWarehouse, type AppWarehouse } from '../support/app-warehouse';

let app: AppWarehouse;
beforeAll(async () => {
  app = await buildAppWarehouse(['san-francisco', 'toronto']);
}, 300_000);
afterAll(() => app?.close());

/** The same warehouse, recording each query's SQL; `fullMartsOnly` turns the pre-aggregates off. */
function recording(wh: Warehouse, fullMartsOnly: boolean) {
  const queries: string[] = [];
  const recorded: Warehouse & { fullMartsOnly: boolean } = {
    dialect: wh.dialect,
    fullMartsOnly,
    query<T extends Row = Row>(sql: string, params?: readonly Param[]) {
      queries.push(sql);
      return wh.query<T>(sql, params);
    },
    close: () => Promise.resolve(),
  };
  return { wh: recorded, queries };
}

function view(query: string): View {
  const parsed = parseView(new URLSearchParams(query));
  if (!parsed.ok) throw new Error(`${query}: ${parsed.error}`);
  return parsed.view;
}

/** The answer without the clock. */
const stable = (value: unknown): unknown =>
  JSON.parse(JSON.stringify(value, (key, v: unknown) => (key === 'generatedAt' ? '<now>' : v)));

interface Values {
  area: string;
  type: string;
  category: string;
  channel: string;
}

async function values(city: string, level: string): Promise<Values> {
  const [row] = await app.wh.query<Row>(
    `select
       (select area_key from mart_area_month where city = ? and level = ?
          group by 1 order by sum(opened) desc, 1 limit 1) as area,
       (select type from mart_area_month where city = ? and level = '_city'
          group by 1 order by sum(opened) desc, 1 limit 1) as type,
       (select category from mart_area_month where city = ? and level = '_city'
          group by 1 order by sum(opened) desc, 1 limit 1) as category,
       (select channel from mart_area_month where city = ? and level = '_city'
          group by 1 order by sum(opened) desc, 1 limit 1) as channel`,
    [city, level, city, city, city],
  );
  return row as unknown as Values;
}

/** Views from one month to all data, with and without each kind of filter. */
function views(base: string, v: Values, lastMonth: string): string[] {
  const ranges = ['', `from=${lastMonth}&to=${lastMonth}`, 'from=2000-01-01&to=2030-12-31'];
  const filters = [
    '',
    'status=open',
    'status=closed',
    `category=${encodeURIComponent(v.category)}`,
    `type=${encodeURIComponent(v.type)}`,
    `category=${encodeURIComponent(v.category)}&status=closed`,
    `channel=${encodeURIComponent(v.channel)}`,
  ];
  return ranges.flatMap((range) =>
    filters.map((filter) => [base, range, filter].filter(Boolean).join('&')),
  );
}

type Endpoint = (wh: Warehouse, view: View, v: Values) => Promise<unknown>;

const METRICS = ['count', 'still_open', 'on_time_pct', 'median_days', 'change_pct'] as const;

const ENDPOINTS: Record<string, Endpoint> = {
  choropleth: async (wh, v) =>
    Promise.all(
      METRICS.map((metric) =>
        getChoropleth(wh, { ...v, metric }).catch((error: Error) => `error: ${error.message}`),
      ),
    ),
  trends: (wh, v) => getTrends(wh, v, { maxCategories: 6 }),
  breakdown: async (wh, v) =>
    Promise.all([
      getBreakdown(wh, v, { dimension: 'type' }),
      getBreakdown(wh, v, { dimension: 'channel' }),
    ]),
  heatmap: (wh, v, values) => getHeatmap(wh, v, { mode: 'month', topN: 8, rankType: values.type }),
  resolution: async (wh, v, values) =>
    Promise.all([
      getResolution(wh, v).catch((error: Error) => `error: ${error.message}`),
      getResolution(wh, { ...v, area: values.area }).catch(
        (error: Error) => `error: ${error.message}`,
      ),
      getResolutionEstimate(wh, v, { type: values.type, areaKey: values.area }),
    ]),
  filter_options: (wh, v) => getFilterOptions(wh, v),
  area_profile: (wh, v, values) =>
    getAreaProfile(wh, { ...v, area: values.area }).catch(
      (error: Error) => `error: ${error.message}`,
    ),
};

describe.each([
  ['san-francisco', 'neighborhood'],
  ['toronto', 'ward'],
])('pre-aggregates answer as the full marts: %s', (city, level) => {
  it.each(Object.keys(ENDPOINTS))('%s', async (name) => {
    const endpoint = ENDPOINTS[name]!;
    const v = await values(city, level);
    const [last] = await app.wh.query<Row>(
      `select cast(max(month) as varchar) as m from mart_area_month where city = ?`,
      [city],
    );
    const small = recording(app.wh, false);
    const full = recording(app.wh, true);
    for (const query of views(`city=${city}&level=${level}`, v, String(last?.m))) {
      const parsed = view(query);
      const expected = stable(await endpoint(full.wh, parsed, v));
      expect(stable(await endpoint(small.wh, parsed, v)), query).toEqual(expected);
    }
    // The check compares two different readings: the full run never touched a pre-aggregate,
    // the other one did (where the endpoint reads a view's figures at all: Toronto has no
    // closing dates; every endpoint reads the city summary, which is not the view's).
    const preAggregate = /\bmart_(area_month_(total|category|type)|resolution_hist_total)\b/;
    const viewQuery = (sql: string) => /\bmart_/.test(sql) && !sql.includes('previous_month');
    expect(full.queries.some((sql) => preAggregate.test(sql))).toBe(false);
    if (full.queries.some(viewQuery)) {
      expect(small.queries.some((sql) => preAggregate.test(sql))).toBe(true);
    }
  });
});

describe('pre-aggregate tables', () => {
  const MEASURES = [
    'opened',
    'closed',
    'still_open',
    'sla_due',
    'on_time',
    'overdue_open',
    'res_n',
  ] as const;

  it.each(['mart_area_month_type', 'mart_area_month_category', 'mart_area_month_total'])(
    '%s holds the full mart summed, month by month and area by area',
    async (table) => {
      const sums = MEASURES.map((m) => `sum(${m}) as ${m}`).join(', ');
      const query = (from: string) =>
        `select city, level, area_key, cast(month as varchar) as month, status_group, ${sums},
           max(res_hours_max) as hours_max
         from ${from} group by all order by all`;
      const full = await app.wh.query(query('mart_area_month'));
      expect(full.length).toBeGreaterThan(100);
      expect(await app.wh.query(query(table))).toEqual(full);
      // Hours are doubles summed in another order: equal to within rounding, not bit for bit.
      const [hours] = await app.wh.query(
        `with a as (select city, level, area_key, month, status_group, sum(res_hours_sum) as h
                    from mart_area_month group by all),
              b as (select city, level, area_key, month, status_group, sum(res_hours_sum) as h
                    from ${table} group by all)
         select count(*) as n, count(b.h) as matched,
           max(abs(a.h - b.h) / greatest(abs(a.h), 1)) as worst
         from a left join b using (city, level, area_key, month, status_group)`,
      );
      expect(hours?.matched).toBe(hours?.n);
      expect(Number(hours?.worst)).toBeLessThan(1e-9);
    },
  );

  it('mart_resolution_hist_total holds the full histogram summed', async () => {
    const query = (from: string) =>
      `select city, level, area_key, cast(month as varchar) as month, bucket, sum(n) as n
       from ${from} group by all order by all`;
    const full = await app.wh.query(query('mart_resolution_hist'));
    expect(full.length).toBeGreaterThan(100);
    expect(await app.wh.query(query('mart_resolution_hist_total'))).toEqual(full);
  });
});
