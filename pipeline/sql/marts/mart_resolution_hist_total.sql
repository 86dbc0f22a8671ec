-- grain: one row per city, level, area_key, month, bucket, is_problem_first
-- mart_resolution_hist summed over type and category: the histogram for views with no type or
-- category filter (lib/queries/mart-choice.ts chooses it).
-- $1 city. Rebuilt from mart_resolution_hist for the months in affected_months, after it.
select
  city,
  level,
  area_key,
  month,
  bucket,
  is_problem_first,
  cast(sum(n) as bigint) as n
from mart_resolution_hist
where city = $1 and month in (select month from affected_months)
group by all
order by city, level, month, area_key
