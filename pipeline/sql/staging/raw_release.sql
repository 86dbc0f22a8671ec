-- grain: none (scratch): the raw read of a file, dropped once its rows are typed and quarantined
-- (stg_checked holds all the later steps read), so its memory is free for the rest of the run.
-- raw_rejects stays until the counts are checked (stg_release.sql).
drop view if exists stg_batch;
drop view if exists raw_batch;
drop table if exists raw_rows;
drop table if exists raw_segment;
drop table if exists segment_rejects;
drop table if exists raw_json;
drop table if exists raw_reject_errors;
drop table if exists raw_reject_scans;
