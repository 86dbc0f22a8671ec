-- grain: one row per month of the city's requests (every month its marts can hold)
-- The months to rebuild when the city's marts were built by other models (mart_models).
-- $1 city.
select distinct strftime(month, '%Y-%m-%d') as month
from fact_requests
where city = $1
