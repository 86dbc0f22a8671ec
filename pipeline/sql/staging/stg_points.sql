-- grain: one row per changed record with usable coordinates, in a rowid range
-- What the spatial join reads, one chunk at a time. $1 first rowid, $2 the rowid after the last.
select rowid, longitude, latitude
from stg_changes
where rowid >= $1 and rowid < $2 and location_flag = 'ok'
  and longitude is not null and latitude is not null
