-- grain: one row for the batch: the counts of the conservation check
-- rows read = loaded + quarantined + superseded (pipeline/stages/upsert.ts checks it).
select
  (select count(*) from stg_checked) + (select count(*) from raw_rejects) as rows,
  (select count(*) from stg_checked where reason is not null)
  + (select count(*) from raw_rejects) as quarantined,
  (select count(*) from stg_checked where reason is null) as accepted,
  (select count(*) from stg_final) as final,
  (select count(*) from stg_changes) as changed,
  (
    select count(*)
    from stg_final as s
    join fact_requests as f using (city, request_id)
    where f.row_hash <> s.row_hash and f.updated > s.updated
  ) as stale
