-- grain: one row per city, level, area_key, month, type, category, channel, division, status_group, is_problem_first, weekday, hour
-- When requests arrive: requests opened, by ISO weekday (1 = Monday … 7 = Sunday) and hour of
-- opening. fact_requests.opened is already the city's local wall-clock time (the staging casts
-- convert UTC instants such as ArcGIS epoch milliseconds with the city's time zone), so the hour
-- is the local hour as published, daylight saving included. A month whose openings sit almost
-- all at 00:00:00 comes from a source that publishes dates only: has_open_times is false there
-- and the app leaves those rows out of the hour grid. Level '_city' (area_key = the city) holds
-- every request, located or not. $1 city. Reads int_request_area (the affected months).
with placed as (
  select * from int_request_area where city = $1
),

month_times as (
  -- a date-only source puts every opening at midnight; real times put ~1 in 3,600 there
  select
    month,
    avg(case when cast(opened as time) = time '00:00:00' then 1.0 else 0.0 end) < 0.5
      as has_open_times
  from placed
  where level = '_city'
  group by month
),

counted as (
  select
    p.city,
    p.level,
    p.area_key,
    p.month,
    p.type,
    p.category,
    p.channel,
    coalesce(p.division, '(none)') as division,
    case when p.is_open then 'open' else 'closed' end as status_group,
    p.is_problem_first,
    cast(isodow(p.opened) as integer) as weekday,
    cast(hour(p.opened) as integer) as hour,
    t.has_open_times,
    count(*) as n
  from placed as p
  join month_times as t on t.month = p.month
  group by all
)

select * from counted
