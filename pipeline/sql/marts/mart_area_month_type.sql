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
  cast(sum(opened) as bigint) as opened,
  cast(sum(closed) as bigint) as closed,
  cast(sum(still_open) as bigint) as still_open,
  cast(sum(sla_due) as bigint) as sla_due,
  cast(sum(on_time) as bigint) as on_time,
  cast(sum(overdue_open) as bigint) as overdue_open,
  cast(sum(res_n) as bigint) as res_n,
  sum(res_hours_sum) as res_hours_sum,
  max(res_hours_max) as res_hours_max
from mart_area_month
where city = $1 and month in (select month from affected_months)
group by all
order by city, level, month, area_key
