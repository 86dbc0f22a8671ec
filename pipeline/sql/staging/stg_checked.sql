-- grain: one row per input row of the batch (stg_batch): typed, with its quality verdict, and for
-- the accepted rows their version rank, canonical record and row hash. One scan types, judges,
-- dedupes and hashes; stg_final.sql is the view of the latest accepted version of each id.
-- $1 latest plausible opening (the run's clock plus a day), $2 the city's system start, $3 the
-- run id; $4, $5, $6 the words for an unmapped category, an unpublished channel and any other
-- channel (lib/categories.ts). Needs temp tables city_bbox, channel_map(raw, channel) and
-- crosswalk(grp, subgroup, type, category) (pipeline/stages/reference.ts).
-- Category: a type-level crosswalk row (an override) wins, then the type's group and subgroup,
-- then its group alone; a type none of them places is unmapped ($4), never a guess.
create or replace temp table stg_checked as
with verdict as (
  select
    *,
    case
      -- Toronto lines that split into the wrong number of fields; JSON records that are no object.
      when not fields_ok then fields_reason
      when opened_text is null then 'opened_missing'
      when opened is null then 'opened_unparseable'
      when opened > cast($1 as timestamp) then 'opened_in_future'
      when opened < cast($2 as timestamp) then 'opened_before_system_start'
      when request_id is null then 'request_id_missing'
      when status_void then 'void_status'
      when type is null then 'type_missing'
    end as reason
  from stg_batch
),

ranked as (
  -- Earlier versions of an id in the batch (rank > 1) are counted as superseded.
  select
    *,
    case when reason is null then row_number() over (
      partition by request_id, reason is null order by updated desc nulls last, line desc
    ) end as version_rank
  from verdict
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
  -- Only the version kept is placed in the crosswalk: no other row can be multiplied by a join.
  select
    r.* replace (
      case when r.channel is null then $5 else coalesce(c.channel, $6) end as channel
    ),
    r.channel as channel_raw,
    cast(date_trunc('month', r.opened) as date) as month,
    case when r.status is not null then not r.status_closed else r.closed is null end as is_open,
    coalesce(xt.category, xs.category, xg.category, $4) as category
  from ranked as r
  left join by_type as xt on r.version_rank = 1 and xt.type = r.type
  left join by_subgroup as xs
    on r.version_rank = 1 and xs.grp = r.type_group and xs.subgroup = r.type_subgroup
  left join by_group as xg on r.version_rank = 1 and xg.grp = r.type_group
  left join channel_map as c on r.version_rank = 1 and c.raw = lower(r.channel)
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
  *,
  $3 as run_id,
  md5(concat_ws('|', source, opened, closed, updated, status, type, subtype, type_group,
    category, division, section, channel, channel_raw, latitude, longitude, sla_target,
    on_time_flag)) as row_hash
from flagged
