/**
 * Data tests run after every build, before publishing (dbt-style): not-null and unique grain on
 * the marts, and counts that add up to the fact table. A failure stops the publish.
 *
 * Given the months a run changed per city, the tests read only those months (and the requests
 * opened in them): the rest was tested when it was published. mart_anomaly and dim_area are
 * small and rebuilt whole, and are tested whole.
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
  const failures: string[] = [];
  let checks = 0;
  await db.run('create or replace temp table data_test_months (city varchar, month date)');
  for (const [city, list] of months ?? []) {
    for (const month of list)
      await db.run('insert into data_test_months values (?, cast(? as date))', [city, month]);
  }
  // `$1` is the city in every scoped statement; an unscoped city gets no filter at all.
  const scoped = (city: string) => months?.has(city) ?? false;
  const inMonths = (city: string, column = 'month') =>
    scoped(city) ? ` and ${column} in (select month from data_test_months where city = $1)` : '';
  const inRequests = (city: string, column = 'request_id') =>
    scoped(city)
      ? ` and ${column} in (select request_id from fact_requests where city = $1${inMonths(city)})`
      : '';
  const scope = (table: string, city: string) =>
    BY_MONTH.has(table)
      ? inMonths(city)
      : table === 'fact_requests' || table === 'fact_request_area'
        ? inRequests(city)
        : '';
  // Only the cities this run rebuilt: the others were checked when they were published.
  for (const city of cities) {
    for (const [table, grain] of Object.entries(MART_GRAINS)) {
      checks += 1;
      const rows = await db.query<{ n: number }>(
        `select count(*) as n from (
           select ${grain} from ${table} where city = $1${scope(table, city)}
           group by all having count(*) > 1)`,
        [city],
      );
      if ((rows[0]?.n ?? 0) > 0)
        failures.push(`${city}/${table}: ${rows[0]?.n} duplicated grain keys (${grain})`);
      checks += 1;
      const nulls = await db.query<{ n: number }>(
        `select count(*) as n from ${table} where city = $1${scope(table, city)} and (${grain
          .split(', ')
          .map((c) => `${c} is null`)
          .join(' or ')})`,
        [city],
      );
      if ((nulls[0]?.n ?? 0) > 0)
        failures.push(`${city}/${table}: ${nulls[0]?.n} rows with a null grain column`);
    }
  }
  for (const city of cities) {
    checks += 1;
    const [total] = await db.query<{
      facts: number;
      mart: number;
      located: number;
      level_mart: number;
      hist: number;
      resolved: number;
    }>(
      `select
         (select count(*) from fact_requests where city = $1${inMonths(city)}) as facts,
         (select coalesce(sum(opened), 0) from mart_area_month where city = $1 and level = '_city'${inMonths(city)}) as mart,
         (select count(*) from fact_request_area where city = $1${inRequests(city)}) as located,
         (select coalesce(sum(opened), 0) from mart_area_month where city = $1 and level <> '_city'${inMonths(city)}) as level_mart,
         (select coalesce(sum(n), 0) from mart_resolution_hist where city = $1 and level = '_city'${inMonths(city)}) as hist,
         (select count(*) from fact_requests where city = $1 and resolution_hours is not null${inMonths(city)}) as resolved`,
      [city],
    );
    if (!total) continue;
    if (total.facts !== total.mart) {
      failures.push(
        `${city}: mart_area_month city-wide opened ${total.mart} ≠ ${total.facts} requests`,
      );
    }
    if (total.located !== total.level_mart) {
      failures.push(
        `${city}: mart_area_month area rows ${total.level_mart} ≠ ${total.located} located requests`,
      );
    }
    if (total.hist !== total.resolved) {
      failures.push(
        `${city}: mart_resolution_hist ${total.hist} ≠ ${total.resolved} resolved requests`,
      );
    }
    checks += 1;
    // Categories and channels only from the shared vocabularies (lib/categories.ts).
    const kind = await db.query<{ kind: '311' | 'crime' }>(
      'select kind from dim_city where city = ?',
      [city],
    );
    const categories = [...categoriesFor(kind[0]?.kind ?? '311'), UNMAPPED_CATEGORY];
    const channels = [...CHANNELS, CHANNEL_NOT_PUBLISHED];
    const [words] = await db.query<{ categories: string | null; channels: string | null }>(
      `select
         string_agg(distinct category, ', ') filter (where category not in (${categories.map((_, i) => `$${i + 2}`).join(', ')})) as categories,
         string_agg(distinct channel, ', ') filter (where channel not in (${channels.map((_, i) => `$${i + 2 + categories.length}`).join(', ')})) as channels
       from fact_requests where city = $1${inMonths(city)}`,
      [city, ...categories, ...channels],
    );
    if (words?.categories)
      failures.push(`${city}: categories outside the taxonomy: ${words.categories}`);
    if (words?.channels)
      failures.push(`${city}: channels outside the vocabulary: ${words.channels}`);
    checks += 1;
    const [orphans] = await db.query<{ n: number }>(
      `select count(*) as n from fact_request_area a
       left join dim_area d on d.city = a.city and d.level = a.level and d.area_key = a.area_key
       where a.city = $1${inRequests(city, 'a.request_id')} and d.area_key is null`,
      [city],
    );
    if ((orphans?.n ?? 0) > 0)
      failures.push(`${city}: ${orphans?.n} area assignments name no known area`);
    checks += 1;
    // Problems (int_request_problem.sql): every request has one, each problem starts with its own
    // request of the same type, and the mart's merged count equals the facts'.
    const [problems] = await db.query<{
      unassigned: number;
      broken: number;
      firsts: number;
      mart: number;
    }>(
      `select
         (select count(*) from fact_requests where city = $1${inMonths(city)}
            and (problem_id is null or is_problem_first is null
              or is_problem_first <> (problem_id = request_id))) as unassigned,
         (select count(*) from fact_requests f left join fact_requests p
            on p.city = f.city and p.request_id = f.problem_id
            where f.city = $1${inMonths(city, 'f.month')}
              and (p.request_id is null or p.type <> f.type or p.opened > f.opened)) as broken,
         (select count(*) from fact_requests where city = $1${inMonths(city)} and is_problem_first) as firsts,
         (select coalesce(sum(opened), 0) from mart_area_month
            where city = $1${inMonths(city)} and level = '_city' and is_problem_first) as mart`,
      [city],
    );
    if ((problems?.unassigned ?? 0) > 0)
      failures.push(`${city}: ${problems?.unassigned} requests without a consistent problem_id`);
    if ((problems?.broken ?? 0) > 0)
      failures.push(
        `${city}: ${problems?.broken} requests whose problem_id is no earlier request of their type`,
      );
    if (problems && problems.firsts !== problems.mart)
      failures.push(
        `${city}: mart_area_month problems ${problems.mart} ≠ ${problems.firsts} in the facts`,
      );
    checks += 1;
    // mart_anomaly: every test has its p-value, and city-wide observed counts match the facts.
    const [anomaly] = await db.query<{ untested: number; mismatched: number }>(
      `select
         (select count(*) from mart_anomaly where city = $1
            and (p_value is null or p_value < 0 or p_value > 1)) as untested,
         (select count(*) from mart_anomaly m where m.city = $1 and m.level = '_city'
            and m.dimension = 'type' and m.observed <> (select count(*) from fact_requests f
              where f.city = $1 and f.type = m.value and case m.period
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
  if (failures.length) throw new DataTestError(`Data tests failed:\n  ${failures.join('\n  ')}`);
  return checks;
}
