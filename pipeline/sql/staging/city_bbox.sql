-- grain: one row: the city's bounding box, for the location checks. $1 west, $2 south, $3 east, $4 north.
create or replace temp table city_bbox as
select $1::double as west, $2::double as south, $3::double as east, $4::double as north
