-- grain: one row per mart row of the city's affected months: removed before they are rebuilt
-- {{mart}} a mart from the list in pipeline/stages/marts.ts. $1 city.
delete from {{mart}} where city = $1 and month in (select month from affected_months)
