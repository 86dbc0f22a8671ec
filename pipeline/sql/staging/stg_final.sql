-- grain: one row per request_id of the batch: its latest version, typed into the canonical
-- record. Earlier versions of the same id in the batch are counted as superseded.
-- $1 the run id; $2, $3, $4 the words for an unmapped category, an unpublished channel and
-- any other channel (lib/categories.ts). Needs temp tables stg_checked, city_bbox, channel_map(raw, channel) and
-- crosswalk(grp, subgroup, type, category) (pipeline/run.ts loadReference).
-- Category: a type-level crosswalk row (an override) wins, then the type's group and subgroup,
-- then its group alone; a type none of them places is unmapped ($2), never a guess.
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

by_type as (
  select type, category from crosswalk where type is not null
),

by_subgroup as (
  select grp, subgroup, category from crosswalk where type is null and subgroup is not null
),

by_group as (
  select grp, category from crosswalk where type is null and subgroup is null
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
    l.type_group,
    coalesce(xt.category, xs.category, xg.category, $2) as category,
    l.division,
    l.section,
    case when l.channel is null then $3 else coalesce(c.channel, $4) end
      as channel,
    l.channel as channel_raw,
    l.latitude,
    l.longitude,
    l.sla_target,
    l.on_time_flag,
    l.has_area_column,
    l.line
  from latest as l
  left join by_type as xt on xt.type = l.type
  left join by_subgroup as xs on xs.grp = l.type_group and xs.subgroup = l.type_subgroup
  left join by_group as xg on xg.grp = l.type_group
  left join channel_map as c on c.raw = lower(l.channel)
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
  type_group, category, division, section, channel, channel_raw, latitude, longitude,
  sla_target, on_time, resolution_hours, resolution_flag, location_flag, $1 as run_id, line,
  md5(concat_ws('|', source, opened, closed, updated, status, type, subtype, type_group,
    category, division, section, channel, channel_raw, latitude, longitude, sla_target,
    on_time_flag)) as row_hash
from flagged
