-- grain: one row per city, level, area_key, dimension, value (the tested month only; period 'month')
-- Unusual now: each area × type and area × category in the city's last complete month, its
-- requests against a seasonal baseline: expected = (requests in the 12 months before) / 12 ×
-- the city-wide seasonal factor of that value for that calendar month (the same month in
-- earlier years over the mean month of the 12 months ending with it; 1 without an earlier
-- year). Only rows with at least $3 expected requests are tested, so small areas are not
-- flagged on noise, and only months with a full trailing year of history. p_value (Poisson
-- upper tail) and flagged (Benjamini–Hochberg) are filled in by pipeline/anomaly.ts. $1 city, $2 the month tested, $3 the minimum expected count.
-- Rebuilt whole (it is small) whenever a run changes any of the city's months. The expectation,
-- ratio and the final columns are the fragment anomaly_expected.sql, shared with the weekly model.
with counts as (
  select level, area_key, 'type' as dimension, type as value, month, sum(opened) as n
  from mart_area_month
  where city = $1
  group by all
  union all
  select level, area_key, 'category' as dimension, category as value, month, sum(opened) as n
  from mart_area_month
  where city = $1
  group by all
),

tested as (
  -- the period tested, and whether a full trailing year of history precedes it
  select
    'month' as period,
    min(month) as first_month,
    cast($2 as date) - interval 12 month >= min(month) as full_history
  from mart_area_month
  where city = $1
),

windowed as (
  select
    level,
    area_key,
    dimension,
    value,
    coalesce(sum(n) filter (where month = cast($2 as date)), 0) as observed,
    coalesce(sum(n) filter (where month < cast($2 as date)), 0) as trailing_12
  from counts
  where month >= cast($2 as date) - interval 12 month and month <= cast($2 as date)
  group by all
),

city_series as (
  select
    dimension,
    value,
    month,
    n,
    sum(n) over (
      partition by dimension, value order by month
      range between interval 11 month preceding and current row
    ) as year_to_month
  from counts
  where level = '_city'
),

seasons as (
  select
    dimension,
    value,
    count(*) as seasonal_years,
    sum(n) as same_period,
    sum(year_to_month) as period_totals
  from city_series, tested
  where month(month) = month(cast($2 as date))
    and month < cast($2 as date)
    and month - interval 11 month >= first_month
  group by all
),

{{expected}}
