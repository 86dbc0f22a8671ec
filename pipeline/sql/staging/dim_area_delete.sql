-- grain: one row per city, level, area_key: the city's areas go before they are loaded again
-- $1 city.
delete from dim_area where city = $1
