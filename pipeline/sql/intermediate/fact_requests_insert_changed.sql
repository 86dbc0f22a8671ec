-- grain: one row per city, request_id: the batch's changed records, as stored
insert into fact_requests by name
select
  city, request_id, source, opened, closed, updated, month, status, is_open, type, subtype,
  type_group, category, division, section, channel, channel_raw, latitude, longitude,
  sla_target, on_time, resolution_hours, resolution_flag, location_flag, run_id, row_hash
from stg_changes
