-- grain: one row per request_id of the batch (stg_final) that is new or changed
-- The records that replace their stored versions: new ids, and changed ones unless the stored
-- version was edited later than the incoming one (late, older re-sends lose).
create or replace temp table stg_changes as
select s.*
from stg_final as s
left join fact_requests as f on f.city = s.city and f.request_id = s.request_id
where f.request_id is null
  or (f.row_hash <> s.row_hash and not coalesce(f.updated > s.updated, false))
