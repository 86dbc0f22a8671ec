-- grain: one row per city, request_id, level: areas found by point-in-polygon
-- spatial_assign(rid, idx) holds stg_changes' rowid and the area's position in area_keys(idx,
-- area_key), both filled by pipeline/stages/areas.ts. $1 level.
insert into fact_request_area
select c.city, c.request_id, $1, k.area_key
from spatial_assign as s
join stg_changes as c on c.rowid = s.rid
join area_keys as k on k.idx = s.idx
