-- grain: one row per city: the fingerprint of the mart models its marts were built with
-- $1 city, $2 fingerprint.
insert or replace into mart_models (city, version) values ($1, $2)
