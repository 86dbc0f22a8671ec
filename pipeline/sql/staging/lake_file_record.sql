-- grain: one row per city, source, sha256: an input file loaded, in landing order (seq)
-- $1 city, $2 source, $3 sha256, $4 name, $5 path, $6 bytes, $7 layout, $8 rows read, $9 run id.
insert or replace into lake_files (city, source, sha256, name, path, bytes, layout, rows_read, run_id, seq)
values ($1, $2, $3, $4, $5, $6, $7, $8, $9, (select coalesce(max(seq), 0) + 1 from lake_files))
