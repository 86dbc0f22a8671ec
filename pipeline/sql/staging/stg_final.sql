-- grain: one row per request_id of the batch: its latest version, typed into the canonical
-- record. Earlier versions of the same id in the batch are counted as superseded.
-- $1 the run id. Needs temp tables stg_checked, crosswalk(type, category), city_bbox.
create or replace temp table stg_final as
with accepted as (
  select
    *,
    row_number() over (
      partition by request_id order by updated desc nulls last, line desc
    ) as version_rank
  from stg_checked
  where reason is null
),

latest as (
  select * from accepted where version_rank = 1
),

typed as (
  select
    l.city,
    l.request_id,
    l.source,
    l.opened,
    l.closed,
    l.updated,
    cast(date_trunc('month', l.opened) as date) as month,
    l.status,
    case when l.status is not null then not l.status_closed else l.closed is null end as is_open,
    l.type,
    l.subtype,
    coalesce(x.category, l.category_text, 'Other') as category,
    l.division,
    l.section,
    coalesce(l.channel, 'Unknown') as channel,
    l.latitude,
    l.longitude,
    l.sla_target,
    l.on_time_flag,
    l.has_area_column,
    l.line
  from latest as l
  left join crosswalk as x on x.type = l.type
),

flagged as (
  select
    t.*,
    case
      when t.is_open then null
      when t.closed is null or t.closed < t.opened then null
      else date_diff('second', t.opened, t.closed) / 3600.0
    end as resolution_hours,
    case
      when t.is_open then 'open'
      when t.closed is null then 'no_close_date'
      when t.closed < t.opened then 'closed_before_open'
      else 'ok'
    end as resolution_flag,
    case
      when t.latitude is null or t.longitude is null
        then case when t.has_area_column then 'ok' else 'missing' end
      when t.longitude not between b.west and b.east or t.latitude not between b.south and b.north
        then 'outside_city'
      else 'ok'
    end as location_flag,
    case
      when t.is_open then null
      when t.on_time_flag is not null then t.on_time_flag
      when t.sla_target is not null and t.closed is not null then t.closed <= t.sla_target
    end as on_time
  from typed as t
  cross join city_bbox as b
)

select
  city, request_id, source, opened, closed, updated, month, status, is_open, type, subtype,
  category, division, section, channel, latitude, longitude, sla_target, on_time,
  resolution_hours, resolution_flag, location_flag, $1 as run_id, line,
  md5(concat_ws('|', source, opened, closed, updated, status, type, subtype, category, division,
    section, channel, latitude, longitude, sla_target, on_time_flag)) as row_hash
from flagged
