-- grain: one row per request of the city's affected months and level it is placed at, plus one
-- at level '_city' (area_key = the city) for every request, located or not
-- The join both area marts start from. A view, not a table: each mart reads it once. Views take
-- no parameters, so the city comes in as {{city}} (a literal from sql-text.ts).
create or replace temp view int_request_area as
with requests as (
  select *
  from fact_requests
  where city = {{city}} and month in (select month from affected_months)
)

select r.*, a.level, a.area_key
from requests as r
join fact_request_area as a on a.city = r.city and a.request_id = r.request_id
union all
select r.*, '_city' as level, r.city as area_key
from requests as r
