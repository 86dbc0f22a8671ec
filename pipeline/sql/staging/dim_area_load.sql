-- grain: one row per city, level, area_key: the level's areas from its boundary file
-- The boundary file, the population value and its join are filled in from sql-text.ts literals
-- (pipeline/stages/reference.ts). $1 city, $2 level.
insert into dim_area
with features as (
  select unnest(features) as f
  from read_json({{boundary}}, maximum_object_size = 268435456)
),

areas as (
  select
    cast(f.properties.area_key as varchar) as area_key,
    cast(f.properties.area_name as varchar) as area_name
  from features
)

select $1, $2, a.area_key, a.area_name, {{population_value}}
from areas as a
{{population_join}}
