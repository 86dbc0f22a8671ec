-- grain: one row per city, request_id: the batch's changed records, as stored
-- Each starts as its own problem; the problems stage (int_request_problem*.sql) then rewrites
-- only the requests that join an earlier one's problem (about 1 in 7 at 6.6 M), where writing
-- every row's problem after the insert took longer than any other single statement of a load.
insert into fact_requests by name
select
  city, request_id, source, opened, closed, updated, month, status, is_open, type, subtype,
  type_group, category, division, section, channel, channel_raw, latitude, longitude,
  sla_target, on_time, resolution_hours, resolution_flag, location_flag, run_id, row_hash,
  request_id as problem_id, true as is_problem_first
from stg_changes
