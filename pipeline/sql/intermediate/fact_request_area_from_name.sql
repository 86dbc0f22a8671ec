-- grain: one row per city, request_id, level: areas of records without coordinates, by key or name
-- The file names the area (a district, a neighbourhood) but has no point: a key wins over a name.
-- $1 level; {{fallback}} the staged fallback column (ident from the layout).
insert into fact_request_area
select c.city, c.request_id, $1, d.area_key
from stg_changes as c
join stg_checked as k on k.line = c.line
join dim_area as d
  on d.city = c.city and d.level = $1
  and (d.area_key = k.{{fallback}} or lower(d.area_name) = lower(k.{{fallback}}))
where c.location_flag = 'ok' and (c.longitude is null or c.latitude is null)
qualify row_number() over (
  partition by c.request_id order by d.area_key = k.{{fallback}} desc, d.area_key
) = 1
