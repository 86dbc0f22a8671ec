-- grain: one row per city, level, area_key, month, type, category, channel, division, status_group,
-- is_problem_first (true: the request starts its problem, int_request_problem.sql; duplicates=merged
-- reads only those rows, so every measure there counts problems by their first request)
-- Requests opened in the month, by where they are. Level '_city' (area_key = the city) holds
-- every request, located or not; other levels only those with a usable area.
-- $1 city, $2 as-of time for "open and overdue". Reads int_request_area (the affected months).
with placed as (
  select * from int_request_area where city = $1
),

measured as (
  select
    city,
    level,
    area_key,
    month,
    type,
    category,
    channel,
    coalesce(division, '(none)') as division,
    case when is_open then 'open' else 'closed' end as status_group,
    is_problem_first,
    count(*) as opened,
    count(*) filter (where not is_open) as closed,
    count(*) filter (where is_open) as still_open,
    -- honest on-time denominator: closed with a known verdict plus open and already overdue
    count(*) filter (where (not is_open and on_time is not null)
      or (is_open and sla_target < cast($2 as timestamp))) as sla_due,
    count(*) filter (where on_time) as on_time,
    count(*) filter (where is_open and sla_target < cast($2 as timestamp)) as overdue_open,
    count(resolution_hours) as res_n,
    coalesce(sum(resolution_hours), 0) as res_hours_sum,
    max(resolution_hours) as res_hours_max
  from placed
  group by all
)

select * from measured
