-- grain: one row per city: the fingerprint of the mart models its marts were built with
-- $1 city.
select version from mart_models where city = $1
