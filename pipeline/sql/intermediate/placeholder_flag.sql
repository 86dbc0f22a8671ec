-- grain: one row per city, request_id on a placeholder point: flagged, kept city-wide. $1 city.
update fact_requests as f set location_flag = 'placeholder'
from placeholder_points as p
where f.city = $1 and f.location_flag = 'ok'
  and round(f.longitude, 5) = p.x and round(f.latitude, 5) = p.y
