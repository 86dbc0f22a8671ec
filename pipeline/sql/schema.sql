-- Warehouse tables the pipeline owns. Idempotent: every run starts by applying this file.
-- Grains and columns are documented in docs/ARCHITECTURE.md and docs/data-dictionary.md.

-- grain: one row per city
create table if not exists dim_city (
  city varchar primary key,
  name varchar not null,
  kind varchar not null,
  timezone varchar not null,
  has_resolution boolean not null,
  has_sla boolean not null,
  first_month date,
  last_month date,
  freshness varchar,
  rows_loaded bigint not null default 0
);

-- grain: one row per city, level, area_key
create table if not exists dim_area (
  city varchar not null,
  level varchar not null,
  area_key varchar not null,
  area_name varchar not null,
  population double,
  primary key (city, level, area_key)
);

-- grain: one row per city, request_id (the latest version of each request)
-- No primary key on the large tables: index upkeep would dominate bulk loads; uniqueness of the
-- grain is checked after every build instead (pipeline/data-tests.ts).
create table if not exists fact_requests (
  city varchar not null,
  request_id varchar not null,
  source varchar not null,
  opened timestamp not null,
  closed timestamp,
  updated timestamp,
  month date not null,
  status varchar,
  is_open boolean not null,
  type varchar not null,
  subtype varchar,
  type_group varchar,
  category varchar not null,
  division varchar,
  section varchar,
  channel varchar not null,
  channel_raw varchar,
  latitude double,
  longitude double,
  sla_target timestamp,
  on_time boolean,
  resolution_hours double,
  resolution_flag varchar not null,
  location_flag varchar not null,
  run_id varchar not null,
  row_hash varchar not null,
  -- the problem the request belongs to: the request_id of its first request
  -- (pipeline/sql/intermediate/int_request_problem.sql)
  problem_id varchar,
  is_problem_first boolean
);

-- grain: one row per city, request_id, level (only where the request has a usable area)
create table if not exists fact_request_area (
  city varchar not null,
  request_id varchar not null,
  level varchar not null,
  area_key varchar not null
);

-- grain: one row per rejected input row
create table if not exists quarantine (
  city varchar not null,
  run_id varchar not null,
  source varchar not null,
  file varchar not null,
  line bigint,
  reason varchar not null,
  raw varchar not null,
  detected_at timestamp not null
);

-- grain: one row per pipeline run and city
create table if not exists pipeline_runs (
  run_id varchar not null,
  city varchar not null,
  source varchar not null,
  started timestamp not null,
  finished timestamp,
  status varchar not null,
  rows_read bigint not null default 0,
  rows_loaded bigint not null default 0,
  rows_quarantined bigint not null default 0,
  rows_superseded bigint not null default 0,
  rows_unchanged bigint not null default 0,
  months_rebuilt bigint not null default 0,
  watermark varchar,
  drift varchar,
  error varchar,
  -- failed runs: the step that failed (copied from data/runs.jsonl by the next published run)
  step varchar,
  primary key (run_id, city)
);
alter table pipeline_runs add column if not exists step varchar;

-- grain: one row per input file ever loaded (content hash), so an unchanged input is skipped
create table if not exists lake_files (
  city varchar not null,
  source varchar not null,
  sha256 varchar not null,
  name varchar not null,
  path varchar not null,
  bytes bigint not null,
  layout varchar not null,
  rows_read bigint not null,
  run_id varchar not null,
  -- landing order: --full replays a city's inputs in this order
  seq bigint,
  primary key (city, source, sha256)
);
-- warehouses published before landing order was kept
alter table lake_files add column if not exists seq bigint;

-- grain: one row per city, layout: the columns last seen, for schema-drift reports
create table if not exists source_columns (
  city varchar not null,
  layout varchar not null,
  columns varchar not null,
  seen_at timestamp not null,
  primary key (city, layout)
);

-- grain: one row per city, source: the incremental watermark (last edit date or file hash)
create table if not exists source_state (
  city varchar not null,
  source varchar not null,
  watermark varchar,
  checkpoint varchar,
  primary key (city, source)
);

-- grain: one row per city, level, area_key, month, type, category, channel, division, status_group, is_problem_first
create table if not exists mart_area_month (
  city varchar not null,
  level varchar not null,
  area_key varchar not null,
  month date not null,
  type varchar not null,
  category varchar not null,
  channel varchar not null,
  division varchar not null,
  status_group varchar not null,
  -- the request starts its problem (duplicates=merged reads only these rows)
  is_problem_first boolean not null,
  opened bigint not null,
  closed bigint not null,
  still_open bigint not null,
  sla_due bigint not null,
  on_time bigint not null,
  overdue_open bigint not null,
  res_n bigint not null,
  res_hours_sum double not null,
  res_hours_max double
);

-- grain: one row per city, level, area_key, month, type, category, bucket, is_problem_first
create table if not exists mart_resolution_hist (
  city varchar not null,
  level varchar not null,
  area_key varchar not null,
  month date not null,
  type varchar not null,
  category varchar not null,
  bucket integer not null,
  is_problem_first boolean not null,
  n bigint not null
);

-- grain: one row per city, level, area_key, month, type, category, channel, division, status_group, is_problem_first, weekday, hour
create table if not exists mart_patterns (
  city varchar not null,
  level varchar not null,
  area_key varchar not null,
  month date not null,
  type varchar not null,
  category varchar not null,
  channel varchar not null,
  division varchar not null,
  status_group varchar not null,
  -- true: the request starts its problem (int_request_problem.sql; duplicates=merged)
  is_problem_first boolean not null,
  -- ISO weekday of opening, 1 = Monday … 7 = Sunday, in the city's local time
  weekday integer not null,
  -- hour of opening, 0–23, local wall-clock time as published
  hour integer not null,
  -- false in a month whose source publishes dates only (openings at 00:00:00)
  has_open_times boolean not null,
  n bigint not null
);

-- grain: one row per city
-- The fingerprint (sha256) of the mart models (pipeline/stages/marts.ts MARTS, their SQL and
-- int_request_area) the city's marts were last built with. A different one (a new mart, changed
-- SQL, a warehouse from an older release) makes the next run rebuild every month of the city.
create table if not exists mart_models (
  city varchar primary key,
  version varchar not null
);

-- grain: one row per city, level, area_key, dimension, value, period
create table if not exists mart_anomaly (
  city varchar not null,
  level varchar not null,
  area_key varchar not null,
  -- 'type' or 'category'
  dimension varchar not null,
  value varchar not null,
  -- 'month' or 'week' (daily data only): the period tested
  period varchar not null,
  -- the first day of the period tested: the last complete month, or the Monday of the last
  -- complete week
  month date not null,
  observed bigint not null,
  trailing_12 bigint not null,
  seasonal_years bigint not null,
  seasonal_factor double not null,
  expected double not null,
  ratio double not null,
  p_value double,
  flagged boolean not null
);

-- grain: one row per city, level, area_key, month, type, category, status_group, is_problem_first
-- Pre-aggregates of mart_area_month (same measures, fewer columns); lib/queries/mart-choice.ts
-- picks the smallest one that has every column a query needs.
create table if not exists mart_area_month_type (
  city varchar not null,
  level varchar not null,
  area_key varchar not null,
  month date not null,
  type varchar not null,
  category varchar not null,
  status_group varchar not null,
  is_problem_first boolean not null,
  opened bigint not null,
  closed bigint not null,
  still_open bigint not null,
  sla_due bigint not null,
  on_time bigint not null,
  overdue_open bigint not null,
  res_n bigint not null,
  res_hours_sum double not null,
  res_hours_max double
);

-- grain: one row per city, level, area_key, month, category, status_group, is_problem_first
create table if not exists mart_area_month_category (
  city varchar not null,
  level varchar not null,
  area_key varchar not null,
  month date not null,
  category varchar not null,
  status_group varchar not null,
  is_problem_first boolean not null,
  opened bigint not null,
  closed bigint not null,
  still_open bigint not null,
  sla_due bigint not null,
  on_time bigint not null,
  overdue_open bigint not null,
  res_n bigint not null,
  res_hours_sum double not null,
  res_hours_max double
);

-- grain: one row per city, level, area_key, month, status_group, is_problem_first
create table if not exists mart_area_month_total (
  city varchar not null,
  level varchar not null,
  area_key varchar not null,
  month date not null,
  status_group varchar not null,
  is_problem_first boolean not null,
  opened bigint not null,
  closed bigint not null,
  still_open bigint not null,
  sla_due bigint not null,
  on_time bigint not null,
  overdue_open bigint not null,
  res_n bigint not null,
  res_hours_sum double not null,
  res_hours_max double
);

-- grain: one row per city, level, area_key, month, bucket, is_problem_first
-- mart_resolution_hist summed over type and category.
create table if not exists mart_resolution_hist_total (
  city varchar not null,
  level varchar not null,
  area_key varchar not null,
  month date not null,
  bucket integer not null,
  is_problem_first boolean not null,
  n bigint not null
);

-- Warehouses built before a column existed gain it here (new columns go last there; every
-- insert names its columns, so the order does not matter). Their old rows keep nulls, which
-- the post-build data tests report: rebuild such a warehouse from scratch.
alter table fact_requests add column if not exists type_group varchar;
alter table fact_requests add column if not exists channel_raw varchar;
alter table mart_resolution_hist add column if not exists category varchar;
alter table fact_requests add column if not exists problem_id varchar;
alter table fact_requests add column if not exists is_problem_first boolean;
alter table mart_area_month add column if not exists is_problem_first boolean;
alter table mart_resolution_hist add column if not exists is_problem_first boolean;
-- every row from before weekly tests was a month's: the default fills them
alter table mart_anomaly add column if not exists period varchar default 'month';
