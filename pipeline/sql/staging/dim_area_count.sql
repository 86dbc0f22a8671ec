-- grain: one row: how many areas the city has. $1 city.
select count(*) as n from dim_area where city = $1
