/**
 * Data tests run after every build, before publishing (dbt-style): not-null and unique grain on
 * the marts, and counts that add up to the fact table. A failure stops the publish.
 *
 * Given the months a run changed per city, the tests read only those months (and the requests
 * opened in them): the rest was tested when it was published. mart_anomaly and dim_area are
 * small and rebuilt whole, and are tested whole. When the months cover every month the city's
 * facts have (a full build), the city is tested whole with no month filter at all: that reads a
 * superset of the same rows without the cost of the filter.
 *
 * Each table is read once for its checks: one `group by` gives the duplicated grain keys, the rows
 * with a null grain column and the sums other checks compare (`count(*) filter (where …)`). The
 * grain is grouped by its hash, which is cheaper than grouping by a dozen columns: equal keys have
 * equal hashes, so no duplicated hash means no duplicated key; a duplicated hash is counted again
 * by the key itself, so a hash collision never fails a test and every count is exact.
 */
import {
  CHANNEL_NOT_PUBLISHED,
  CHANNELS,
  UNMAPPED_CATEGORY,
  categoriesFor,
} from '@/lib/categories';
import type { DuckDbWarehouse } from '@/lib/warehouse/duckdb/connection';

export class DataTestError extends Error {
  override name = 'DataTestError';
}

const MART_GRAINS = {
  mart_area_month:
    'city, level, area_key, month, type, category, channel, division, status_group, is_problem_first',
  mart_resolution_hist: 'city, level, area_key, month, type, category, bucket, is_problem_first',
  mart_anomaly: 'city, level, area_key, dimension, value, period',
  mart_patterns:
    'city, level, area_key, month, type, category, channel, division, status_group, is_problem_first, weekday, hour',
  dim_area: 'city, level, area_key',
  fact_request_area: 'city, request_id, level',
  fact_requests: 'city, request_id',
} as const;

/** Tables with a month column, and fact_request_area, which is scoped through its requests. */
const BY_MONTH = new Set(['mart_area_month', 'mart_resolution_hist', 'mart_patterns']);

export async function runDataTests(
  db: DuckDbWarehouse,
  cities: readonly string[],
  /** Per city, the months to test (ISO dates); a city not in the map is tested whole. */
  months?: ReadonlyMap<string, readonly string[]>,
): Promise<number> {
  // Grain failures of every city first, then each city's invariants, as the messages always were.
  const grainFailures: string[] = [];
  const failures: string[] = [];
  let checks = 0;
  await db.run('create or replace temp table data_test_months (city varchar, month date)');
  for (const [city, list] of months ?? []) {
    for (const month of list)
      await db.run('insert into data_test_months values (?, cast(? as date))', [city, month]);
  }
  // Only the cities this run rebuilt: the others were checked when they were published.
  for (const city of cities) {
    // `$1` is the city in every scoped statement; an unscoped city gets no filter at all.
    const scoped = months?.has(city) ? !(await coversEveryMonth(db, city)) : false;
    const inMonths = (column = 'month') =>
      scoped ? ` and ${column} in (select month from data_test_months where city = $1)` : '';
    const inRequests = (column = 'request_id') =>
      scoped
        ? ` and ${column} in (select request_id from fact_requests where city = $1${inMonths()})`
        : '';
    const scope = (table: GrainTable) =>
      BY_MONTH.has(table)
        ? inMonths()
        : table === 'fact_requests' || table === 'fact_request_area'
          ? inRequests()
          : '';
    const sums: Partial<Record<string, number>> = {};
    for (const table of Object.keys(MART_GRAINS) as GrainTable[]) {
      checks += 2;
      const grain = MART_GRAINS[table];
      const extra = GRAIN_SCAN_SUMS[table] ?? {};
      const [row] = await db.query<{ duplicated: number; nulls: number } & Record<string, number>>(
        `select count(*) filter (where n > 1) as duplicated, coalesce(sum(nulls), 0) as nulls${Object.keys(
          extra,
        )
          .map((name) => `, coalesce(sum(${name}), 0) as ${name}`)
          .join('')}
         from (
           select count(*) as n,
             count(*) filter (where ${grain
               .split(', ')
               .map((c) => `${c} is null`)
               .join(' or ')}) as nulls${Object.entries(extra)
               .map(([name, expression]) => `, ${expression} as ${name}`)
               .join('')}
           from ${table} where city = $1${scope(table)}
           group by hash(${grain}))`,
        [city],
      );
      for (const name of Object.keys(extra)) sums[name] = row?.[name] ?? 0;
      if ((row?.duplicated ?? 0) > 0) {
        // A duplicated hash: count the duplicated keys themselves (a collision counts none).
        const [exact] = await db.query<{ n: number }>(
          `select count(*) as n from (
             select ${grain} from ${table} where city = $1${scope(table)}
             group by all having count(*) > 1)`,
          [city],
        );
        if ((exact?.n ?? 0) > 0)
          grainFailures.push(`${city}/${table}: ${exact?.n} duplicated grain keys (${grain})`);
      }
      if ((row?.nulls ?? 0) > 0)
        grainFailures.push(`${city}/${table}: ${row?.nulls} rows with a null grain column`);
    }
    // The sums against the facts, and the vocabularies.
    checks += 2;
    // Categories and channels only from the shared vocabularies (lib/categories.ts).
    const kind = await db.query<{ kind: '311' | 'crime' }>(
      'select kind from dim_city where city = ?',
      [city],
    );
    const categories = [...categoriesFor(kind[0]?.kind ?? '311'), UNMAPPED_CATEGORY];
    const channels = [...CHANNELS, CHANNEL_NOT_PUBLISHED];
    // The facts, once: the counts the marts must add up to, the vocabularies, the problems.
    const [facts] = await db.query<{
      facts: number;
      resolved: number;
      unassigned: number;
      firsts: number;
      categories: string | null;
      channels: string | null;
    }>(
      `select
         count(*) as facts,
         count(*) filter (where resolution_hours is not null) as resolved,
         count(*) filter (where problem_id is null or is_problem_first is null
           or is_problem_first <> (problem_id = request_id)) as unassigned,
         count(*) filter (where is_problem_first) as firsts,
         string_agg(distinct category, ', ') filter (where category not in (${categories.map((_, i) => `$${i + 2}`).join(', ')})) as categories,
         string_agg(distinct channel, ', ') filter (where channel not in (${channels.map((_, i) => `$${i + 2 + categories.length}`).join(', ')})) as channels
       from fact_requests where city = $1${inMonths()}`,
      [city, ...categories, ...channels],
    );
    if (!facts) continue;
    const { mart = 0, level_mart = 0, mart_firsts = 0, hist = 0, located = 0 } = sums;
    if (facts.facts !== mart) {
      failures.push(`${city}: mart_area_month city-wide opened ${mart} ≠ ${facts.facts} requests`);
    }
    if (located !== level_mart) {
      failures.push(
        `${city}: mart_area_month area rows ${level_mart} ≠ ${located} located requests`,
      );
    }
    if (facts.resolved !== hist) {
      failures.push(`${city}: mart_resolution_hist ${hist} ≠ ${facts.resolved} resolved requests`);
    }
    if (facts.categories)
      failures.push(`${city}: categories outside the taxonomy: ${facts.categories}`);
    if (facts.channels)
      failures.push(`${city}: channels outside the vocabulary: ${facts.channels}`);
    checks += 1;
    const [orphans] = await db.query<{ n: number }>(
      `select count(*) as n from fact_request_area a
       left join dim_area d on d.city = a.city and d.level = a.level and d.area_key = a.area_key
       where a.city = $1${inRequests('a.request_id')} and d.area_key is null`,
      [city],
    );
    if ((orphans?.n ?? 0) > 0)
      failures.push(`${city}: ${orphans?.n} area assignments name no known area`);
    checks += 1;
    // Problems (int_request_problem.sql): every request has one, each problem starts with its own
    // request of the same type, and the mart's merged count equals the facts'.
    // The problems' first requests are looked up only among the ids the requests in scope name, so
    // an increment does not hash every request of the city.
    const [problems] = await db.query<{ broken: number }>(
      `with f as (
         select city, request_id, problem_id, type, opened from fact_requests
         where city = $1${inMonths()}),
       p as (
         select city, request_id, type, opened from fact_requests
         where city = $1${scoped ? ' and request_id in (select problem_id from f)' : ''})
       select count(*) as broken from f left join p
         on p.city = f.city and p.request_id = f.problem_id
       where p.request_id is null or p.type <> f.type or p.opened > f.opened`,
      [city],
    );
    if (facts.unassigned > 0)
      failures.push(`${city}: ${facts.unassigned} requests without a consistent problem_id`);
    if ((problems?.broken ?? 0) > 0)
      failures.push(
        `${city}: ${problems?.broken} requests whose problem_id is no earlier request of their type`,
      );
    if (facts.firsts !== mart_firsts)
      failures.push(
        `${city}: mart_area_month problems ${mart_firsts} ≠ ${facts.firsts} in the facts`,
      );
    checks += 1;
    // mart_anomaly: every test has its p-value, and city-wide observed counts match the facts.
    // The facts are narrowed first to those a tested period can hold (the earliest month, the
    // earliest week), so the count per type does not read every month of the city.
    const [anomaly] = await db.query<{ untested: number; mismatched: number }>(
      `with m as (
         select * from mart_anomaly where city = $1 and level = '_city' and dimension = 'type'),
       f as (
         select type, month, opened from fact_requests where city = $1
           and (month >= (select min(month) from m where period is distinct from 'week')
             or opened >= (select min(month) from m where period = 'week')))
       select
         (select count(*) from mart_anomaly where city = $1
            and (p_value is null or p_value < 0 or p_value > 1)) as untested,
         (select count(*) from m where m.observed <> (select count(*) from f
            where f.type = m.value and case m.period
              when 'week' then f.opened >= m.month and f.opened < m.month + interval 7 day
              else f.month = m.month end)) as mismatched`,
      [city],
    );
    if ((anomaly?.untested ?? 0) > 0)
      failures.push(`${city}: mart_anomaly has ${anomaly?.untested} rows without a valid p-value`);
    if ((anomaly?.mismatched ?? 0) > 0)
      failures.push(
        `${city}: mart_anomaly has ${anomaly?.mismatched} city-wide counts that differ from the facts`,
      );
  }
  failures.unshift(...grainFailures);
  if (failures.length) throw new DataTestError(`Data tests failed:\n  ${failures.join('\n  ')}`);
  return checks;
}

type GrainTable = keyof typeof MART_GRAINS;

/** Sums read in a table's grain scan (same rows as its grain check), by name: the invariants. */
const GRAIN_SCAN_SUMS: Partial<Record<GrainTable, Record<string, string>>> = {
  mart_area_month: {
    mart: "sum(opened) filter (where level = '_city')",
    level_mart: "sum(opened) filter (where level <> '_city')",
    mart_firsts: "sum(opened) filter (where level = '_city' and is_problem_first)",
  },
  mart_resolution_hist: { hist: "sum(n) filter (where level = '_city')" },
  fact_request_area: { located: 'count(*)' },
};

/** Whether the months to test hold every month the city's facts have (a full build). */
async function coversEveryMonth(db: DuckDbWarehouse, city: string): Promise<boolean> {
  const [row] = await db.query<{ n: number }>(
    `select count(*) as n from (select distinct month from fact_requests where city = $1) f
     where not exists (select 1 from data_test_months t where t.city = $1 and t.month = f.month)`,
    [city],
  );
  return (row?.n ?? 0) === 0;
}
