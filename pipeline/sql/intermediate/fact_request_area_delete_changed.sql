-- grain: one row per city, request_id, level: the stored areas of the batch's changed records go
-- $1 city.
delete from fact_request_area
where city = $1 and request_id in (select request_id from stg_changes)
