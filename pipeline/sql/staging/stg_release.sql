-- grain: none (scratch): a loaded file's staging tables, dropped once its records and areas are
-- stored, so the problems and marts stages do not run beside the last file's batch.
drop view if exists stg_final;
drop table if exists stg_checked;
drop table if exists stg_changes;
drop table if exists raw_rejects;
drop table if exists spatial_assign;
drop table if exists area_keys;
