-- grain: one row: how many placeholder points and requests on them
select count(*) as n, coalesce(sum(n), 0) as rows from placeholder_points
