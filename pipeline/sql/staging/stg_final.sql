-- grain: one row per request_id of the batch: its latest accepted version, as the canonical
-- record. A view over stg_checked, which typed, judged, ranked and hashed every row in one scan.
create or replace temp view stg_final as
select
  city, request_id, source, opened, closed, updated, month, status, is_open, type, subtype,
  type_group, category, division, section, channel, channel_raw, latitude, longitude,
  sla_target, on_time, resolution_hours, resolution_flag, location_flag, run_id, line, row_hash
from stg_checked
where reason is null and version_rank = 1
