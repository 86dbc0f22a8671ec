-- grain: one row per request_id opened in or after the rebuild month that has an earlier neighbour
-- Requests vs problems: requests of one type within a distance and a time window of each other
-- are one problem. Chain rule: a request joins the problem of the EARLIEST request of its type
-- opened at most window hours before it (ties on opened time broken by request_id) and at most
-- distance metres away; a request with no such neighbour starts a problem, and its request_id is
-- the problem_id. Unlocated requests (location_flag <> 'ok') are each their own problem.
-- Neighbours are found on a grid of cells one distance wide on projected metres (x = longitude
-- scaled at the city's highest |latitude|, so grid distances never exceed true ones): any pair
-- within the distance lies in the 3×3 cells around a request, and in its time bucket (one window
-- wide) or the one before, so the join's key is (type, cell, bucket); then the great-circle distance
-- decides. Each request is spread over the 9 cells around it and each rebuilt request over its
-- bucket and the one before (11 rows a request), which gives the pairs of spreading one side
-- over all 18 cell and bucket offsets (19 rows), each pair once. Requests of the month before the
-- rebuild month can be reached by the window (at most 28 days, lib/cities/schema.ts) and keep
-- their stored problem_id.
-- This model finds each request's parent (that earliest neighbour) and starts the walk to its
-- problem: `next` is the parent while the parent was rebuilt too (its problem is not known yet),
-- `final` the problem once known (a parent before the rebuild month keeps its stored problem_id).
-- int_request_problem_step.sql then halves the walks until every `next` is null, and
-- int_request_problem.sql gives every rebuilt request its problem.
-- $1 city, $2 the first rebuilt month, $3 default distance (m), $4 default window (hours);
-- temp table problem_rules (type, distance_m, window_h) holds the per-type rules.
with requests as (
  select request_id, type, opened, latitude, longitude, location_flag
  from fact_requests
  where city = $1 and month >= cast($2 as date)
),

earlier as (
  select request_id, type, opened, latitude, longitude, location_flag, problem_id
  from fact_requests
  where city = $1 and month >= cast($2 as date) - interval 1 month and month < cast($2 as date)
),

located as (
  select request_id, type, opened, latitude, longitude, true as rebuilt from requests
  where location_flag = 'ok' and latitude is not null and longitude is not null
  union all
  select request_id, type, opened, latitude, longitude, false as rebuilt from earlier
  where location_flag = 'ok' and latitude is not null and longitude is not null
),

reference as (
  select coalesce(max(abs(latitude)), 0) as lat_ref from located
),

type_ids as (
  -- the join carries a small integer for the type, not its text: the spread rows (11 a request)
  -- are much smaller, so a large city's join stays in memory (the problems stage at 6.6 M SF
  -- requests: pipeline.sf_6.6m.stage.problems_seconds in bench/latest.json)
  select type, cast(row_number() over (order by type) as integer) as type_id
  from (select distinct type from located)
),

ruled as (
  select
    l.request_id,
    t.type_id,
    l.opened,
    l.latitude,
    l.longitude,
    l.rebuilt,
    coalesce(r.distance_m, cast($3 as double)) as distance_m,
    coalesce(r.window_h, cast($4 as double)) as window_h
  from located as l
  left join problem_rules as r on r.type = l.type
  join type_ids as t on t.type = l.type
),

celled as (
  select
    ruled.*,
    cast(floor(radians(longitude) * 6371008.8 * cos(radians(lat_ref)) / distance_m) as bigint) as cx,
    cast(floor(radians(latitude) * 6371008.8 / distance_m) as bigint) as cy,
    -- time bucket one window wide: an earlier request within the window is in the same bucket
    -- or the one before, so the join's key holds time too (same type, so the same window)
    cast(floor(epoch(opened) / (window_h * 3600)) as bigint) as ct
  from ruled, reference
),

neighbour_cells as (
  -- the 3×3 cells around each request, which it can be reached from
  select c.*, c.cx + dx.d as nx, c.cy + dy.d as ny
  from celled as c
  cross join (values (-1), (0), (1)) as dx (d)
  cross join (values (-1), (0), (1)) as dy (d)
),

rebuilt_buckets as (
  -- each rebuilt request's time bucket and the one before, where its earlier neighbours are
  select c.*, c.ct - dt.d as nt
  from celled as c
  cross join (values (0), (1)) as dt (d)
  where c.rebuilt
),

pairs as (
  select r.request_id, e.request_id as earlier_id, e.opened as earlier_opened
  from rebuilt_buckets as r
  join neighbour_cells as e
    on e.type_id = r.type_id and e.nx = r.cx and e.ny = r.cy and e.ct = r.nt
    and e.opened <= r.opened
    and epoch(r.opened) - epoch(e.opened) <= r.window_h * 3600
    and (e.opened < r.opened or e.request_id < r.request_id)
  -- haversine distance in metres
  where 2 * 6371008.8 * asin(sqrt(
      pow(sin(radians(e.latitude - r.latitude) / 2), 2)
      + cos(radians(r.latitude)) * cos(radians(e.latitude))
      * pow(sin(radians(e.longitude - r.longitude) / 2), 2)
    )) <= r.distance_m
),

parents as (
  select request_id, earlier_id as parent_id
  from pairs
  qualify row_number() over (partition by request_id order by earlier_opened, earlier_id) = 1
)

select
  p.request_id,
  case when e.request_id is null then p.parent_id end as next,
  case when e.request_id is not null then coalesce(e.problem_id, p.parent_id) end as final
from parents as p
left join earlier as e on e.request_id = p.parent_id
