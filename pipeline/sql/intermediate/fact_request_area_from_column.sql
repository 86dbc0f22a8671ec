-- grain: one row per city, request_id, level: areas named by the file's own area column
-- Only keys that name a real area count; others ("Int", blanks) stay unlocated here.
-- $1 level; {{area}} the staged column holding the level's key (ident from the layout).
insert into fact_request_area
select c.city, c.request_id, $1, k.{{area}}
from stg_changes as c
join stg_checked as k on k.line = c.line
join dim_area as d on d.city = c.city and d.level = $1 and d.area_key = k.{{area}}
where c.location_flag = 'ok'
