-- grain: one row per city, request_id, level of a placeholder request: it leaves the area maps
-- $1 city.
delete from fact_request_area as a
where a.city = $1 and a.request_id in (
  select request_id from fact_requests where city = $1 and location_flag = 'placeholder'
)
