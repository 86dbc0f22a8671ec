-- grain: one row per quarantine reason of the run (the commonest three), with its first line
-- $1 city, $2 run id.
select reason, count(*) as n, arg_min(file, line) as file, min(line) as line
from quarantine
where city = $1 and run_id = $2
group by reason
order by n desc, reason
limit 3
