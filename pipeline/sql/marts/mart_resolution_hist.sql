-- grain: one row per city, level, area_key, month, type, category, bucket, is_problem_first
-- Closed requests with a known resolution time, counted per resolution-time bucket
-- (edges in lib/resolution-buckets.ts; {{bucket}} is generated from them) so percentiles can
-- be read back for any date range, by type or by category (a type can fall in several
-- categories through its subgroup). $1 city. Rebuilds only the months in affected_months.
with resolved as (
  select *
  from fact_requests
  where city = $1 and month in (select month from affected_months) and resolution_hours is not null
),

placed as (
  select r.*, a.level, a.area_key
  from resolved as r
  join fact_request_area as a on a.city = r.city and a.request_id = r.request_id
  union all
  select r.*, '_city' as level, r.city as area_key
  from resolved as r
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

select * from bucketed
