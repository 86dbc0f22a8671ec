-- grain: one row per city, level, area_key, dimension, value (the tested week only)
-- Unusual this week, where the data is daily (pipeline/anomaly.ts decides): each area × type
-- and area × category in the city's last complete week (Monday to Sunday, `month` holds its
-- Monday), its requests against a seasonal baseline: expected = (requests in the 12 weeks
-- before) / 12 × the city-wide seasonal factor of that value for that week of the year (the
-- same week in earlier years, 52 weeks apart, over the mean week of the 12 weeks ending with
-- it; 1 without an earlier year). Only rows with at least $3 expected requests are tested, and
-- only weeks with 12 full weeks of history. p_value and flagged are filled in by
-- pipeline/anomaly.ts, as for months. $1 city, $2 the week tested (its Monday), $3 the minimum
-- expected count. The expectation, ratio and the final columns are anomaly_expected.sql.
with recent as (
  select city, request_id, type, category, cast(date_trunc('week', opened) as date) as week
  from fact_requests
  where city = $1
    and opened >= cast($2 as date) - interval 84 day
    and opened < cast($2 as date) + interval 7 day
),

placed as (
  select r.*, a.level, a.area_key
  from recent as r
  join fact_request_area as a on a.city = r.city and a.request_id = r.request_id
  union all
  select r.*, '_city' as level, r.city as area_key
  from recent as r
),

counts as (
  select level, area_key, 'type' as dimension, type as value, week, count(*) as n
  from placed
  group by all
  union all
  select level, area_key, 'category' as dimension, category as value, week, count(*) as n
  from placed
  group by all
),

windowed as (
  select
    level,
    area_key,
    dimension,
    value,
    coalesce(sum(n) filter (where week = cast($2 as date)), 0) as observed,
    coalesce(sum(n) filter (where week < cast($2 as date)), 0) as trailing_12
  from counts
  group by all
),

city_weeks as (
  select 'type' as dimension, type as value, cast(date_trunc('week', opened) as date) as week,
    count(*) as n
  from fact_requests
  where city = $1
  group by all
  union all
  select 'category' as dimension, category as value,
    cast(date_trunc('week', opened) as date) as week, count(*) as n
  from fact_requests
  where city = $1
  group by all
),

tested as (
  -- the period tested, and whether 12 full weeks of history precede it
  select
    'week' as period,
    cast(date_trunc('week', min(opened)) as date) as first_week,
    cast($2 as date) - interval 84 day >= cast(date_trunc('week', min(opened)) as date)
      as full_history
  from fact_requests
  where city = $1
),

city_series as (
  select
    dimension,
    value,
    week,
    n,
    sum(n) over (
      partition by dimension, value order by week
      range between interval 77 day preceding and current row
    ) as quarter_to_week
  from city_weeks
),

seasons as (
  select
    dimension,
    value,
    count(*) as seasonal_years,
    sum(n) as same_period,
    sum(quarter_to_week) as period_totals
  from city_series, tested
  where week < cast($2 as date)
    and date_diff('day', week, cast($2 as date)) % 364 = 0
    and week - interval 77 day >= first_week
  group by all
),

{{expected}}
