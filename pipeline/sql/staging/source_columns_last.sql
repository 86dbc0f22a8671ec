-- grain: one row per city, layout: the columns last seen for it. $1 city, $2 layout.
select columns from source_columns where city = $1 and layout = $2
