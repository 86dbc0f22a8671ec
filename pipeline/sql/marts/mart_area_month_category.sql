-- grain: one row per city, level, area_key, month, category, status_group, is_problem_first
-- mart_area_month summed over type, channel and division: the pre-aggregate for views that
-- group by or filter on category only (lib/queries/mart-choice.ts chooses it).
-- $1 city. Summed from mart_area_month_type (the same sums, over half the rows of
-- mart_area_month) for the months in affected_months, after it.
select
  city,
  level,
  area_key,
  month,
  category,
  status_group,
  is_problem_first,
  {{measures}}
from mart_area_month_type
where city = $1 and month in (select month from affected_months)
group by all
order by city, level, month, area_key
