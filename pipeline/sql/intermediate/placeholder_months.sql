-- grain: one row per month holding a request newly found on a placeholder point. $1 city.
select distinct strftime(f.month, '%Y-%m-%d') as month
from fact_requests as f
join placeholder_points as p on round(f.longitude, 5) = p.x and round(f.latitude, 5) = p.y
where f.city = $1 and f.location_flag = 'ok'
