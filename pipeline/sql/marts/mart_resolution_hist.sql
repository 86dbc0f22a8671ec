-- grain: one row per city, level, area_key, month, type, category, bucket, is_problem_first
-- Closed requests with a known resolution time, counted per resolution-time bucket
-- (edges in lib/resolution-buckets.ts; {{bucket}} is generated from them) so percentiles can
-- be read back for any date range, by type or by category (a type can fall in several
-- categories through its subgroup). $1 city. Reads int_request_area (the affected months).
with placed as (
  select * from int_request_area where city = $1 and resolution_hours is not null
),

bucketed as (
  select
    city,
    level,
    area_key,
    month,
    type,
    category,
    {{bucket}} as bucket,
    is_problem_first,
    count(*) as n
  from placed
  group by all
)

-- Stored in area order within each pass: an area's profile and time to close read only the row
-- groups of its area (DuckDB skips the rest by their min/max), not the whole histogram.
select * from bucketed
order by city, level, area_key, month
