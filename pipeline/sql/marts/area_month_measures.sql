-- grain: none (a select-list fragment): mart_area_month's measures summed to a coarser grain,
-- the one list every pre-aggregate of it (mart_area_month_{type,category,total}.sql) uses
cast(sum(opened) as bigint) as opened,
cast(sum(closed) as bigint) as closed,
cast(sum(still_open) as bigint) as still_open,
cast(sum(sla_due) as bigint) as sla_due,
cast(sum(on_time) as bigint) as on_time,
cast(sum(overdue_open) as bigint) as overdue_open,
cast(sum(res_n) as bigint) as res_n,
sum(res_hours_sum) as res_hours_sum,
max(res_hours_max) as res_hours_max
