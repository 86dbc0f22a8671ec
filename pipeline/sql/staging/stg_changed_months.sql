-- grain: one row per month a batch touches (the month of a changed record, new or stored)
select distinct strftime(month, '%Y-%m-%d') as month from stg_changes
union
select distinct strftime(f.month, '%Y-%m-%d')
from fact_requests as f
join stg_changes as c using (city, request_id)
