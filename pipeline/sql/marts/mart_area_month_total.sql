-- grain: one row per city, level, area_key, month, status_group, is_problem_first
-- mart_area_month summed over type, category, channel and division: the pre-aggregate for views
-- with no filter but status (lib/queries/mart-choice.ts chooses it).
-- $1 city. Summed from mart_area_month_category (the same sums, over the fewest rows) for the
-- months in affected_months, after it.
select
  city,
  level,
  area_key,
  month,
  status_group,
  is_problem_first,
  {{measures}}
from mart_area_month_category
where city = $1 and month in (select month from affected_months)
group by all
order by city, level, month, area_key
