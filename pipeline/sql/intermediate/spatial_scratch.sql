-- grain: none (scratch tables): the spatial join's area positions and its per-point results
-- area_keys(idx, area_key): the index's areas in order; spatial_assign(rid, idx): stg_changes'
-- rowid and the position of the area holding the point. Both filled by appenders.
create or replace temp table area_keys (idx integer, area_key varchar);
create or replace temp table spatial_assign (rid bigint, idx integer);
