-- grain: one row per input row of the batch (stg_batch), with its quality verdict.
-- $1 latest plausible opening (the run's clock plus a day), $2 the city's system start.
create or replace temp table stg_checked as
with batch as (
  select * from stg_batch
),

verdict as (
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
  from batch
)

select * from verdict
