-- grain: one row: the city's as-of time (its newest edit or opening), for "open and overdue"
-- $1 city.
select strftime(max(coalesce(updated, opened)), '%Y-%m-%dT%H:%M:%S') as as_of
from fact_requests
where city = $1
