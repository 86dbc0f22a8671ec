-- grain: one row per city, level, area_key, month, type, category, status_group, is_problem_first
-- mart_area_month summed over channel and division: the pre-aggregate for views that group by
-- or filter on type but not on channel or division (lib/queries/mart-choice.ts chooses it).
-- $1 city. Rebuilt from mart_area_month for the months in affected_months, after it.
select
  city,
  level,
  area_key,
  month,
  type,
  category,
  status_group,
  is_problem_first,
  {{measures}}
from mart_area_month
where city = $1 and month in (select month from affected_months)
group by all
order by city, level, month, area_key
