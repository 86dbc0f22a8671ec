-- grain: one row per rounded coordinate that is a placeholder pile-up of the city
-- A spike: one exact coordinate (5 decimals) holding at least 10 requests and at least 15
-- times the median of the city's 100 busiest points. $1 city.
create or replace temp table placeholder_points as
with points as (
  select round(longitude, 5) as x, round(latitude, 5) as y, count(*) as n
  from fact_requests
  where city = $1 and location_flag in ('ok', 'placeholder') and latitude is not null
  group by all
),

busiest as (select n from points order by n desc limit 100),

typical as (select quantile_cont(n, 0.5) as median from busiest)

select x, y, n from points, typical where n >= 10 and n >= 15 * typical.median
