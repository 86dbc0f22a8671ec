-- grain: one row per city, level, area_key, month, type, category, channel, division, status_group, is_problem_first, weekday, hour
-- When requests arrive: requests opened, by ISO weekday (1 = Monday … 7 = Sunday) and hour of
-- opening. fact_requests.opened is already the city's local wall-clock time (the staging casts
-- convert UTC instants such as ArcGIS epoch milliseconds with the city's time zone), so the hour
-- is the local hour as published, daylight saving included. A month whose openings sit almost
-- all at 00:00:00 comes from a source that publishes dates only: has_open_times is false there
-- and the app leaves those rows out of the hour grid. Level '_city' (area_key = the city) holds
-- every request, located or not. $1 city. Reads the affected months.
-- The same rows as grouping int_request_area, read narrower: that view carries every fact column
-- and, read twice here, was materialised whole; this reads the ten columns the grid needs, joins
-- only the located levels to fact_request_area and counts the city-wide rows from the requests
-- themselves. The two groupings cannot share a key: level ids start with a letter
-- (lib/cities/schema.ts), '_city' does not.
with requests as (
  select request_id, month, opened, type, category, channel, division, is_open, is_problem_first
  from fact_requests
  where city = $1 and month in (select month from affected_months)
),

month_times as (
  -- a date-only source puts every opening at midnight; real times put ~1 in 3,600 there
  select
    month,
    avg(case when cast(opened as time) = time '00:00:00' then 1.0 else 0.0 end) < 0.5
      as has_open_times
  from requests
  group by month
),

keyed as (
  select
    request_id,
    month,
    type,
    category,
    channel,
    coalesce(division, '(none)') as division,
    case when is_open then 'open' else 'closed' end as status_group,
    is_problem_first,
    cast(isodow(opened) as integer) as weekday,
    cast(hour(opened) as integer) as hour
  from requests
),

located as (
  select
    a.level,
    a.area_key,
    k.month,
    k.type,
    k.category,
    k.channel,
    k.division,
    k.status_group,
    k.is_problem_first,
    k.weekday,
    k.hour,
    count(*) as n
  from keyed as k
  join fact_request_area as a on a.city = $1 and a.request_id = k.request_id
  group by all
),

city_wide as (
  select
    '_city' as level,
    $1 as area_key,
    month,
    type,
    category,
    channel,
    division,
    status_group,
    is_problem_first,
    weekday,
    hour,
    count(*) as n
  from keyed
  group by all
),

counted as (
  select
    $1 as city,
    c.level,
    c.area_key,
    c.month,
    c.type,
    c.category,
    c.channel,
    c.division,
    c.status_group,
    c.is_problem_first,
    c.weekday,
    c.hour,
    t.has_open_times,
    c.n
  from (select * from located union all select * from city_wide) as c
  join month_times as t on t.month = c.month
)

select * from counted
