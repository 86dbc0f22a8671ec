-- grain: every row of one city in {{table}} (one of CITY_TABLES, pipeline/stages/prepare.ts), for --full
-- $1 city.
delete from {{table}} where city = $1
