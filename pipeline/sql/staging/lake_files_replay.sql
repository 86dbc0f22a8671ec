-- grain: one row per input file the city landed, in landing order (what --full replays). $1 city.
select source, name, path, layout
from lake_files
where city = $1
order by seq nulls first, run_id, source, name
