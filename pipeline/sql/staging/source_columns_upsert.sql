-- grain: one row per city, layout: the columns last seen, for schema-drift reports
-- $1 city, $2 layout, $3 the columns (JSON array), $4 when they were seen.
insert or replace into source_columns (city, layout, columns, seen_at)
values ($1, $2, $3, cast($4 as timestamp))
