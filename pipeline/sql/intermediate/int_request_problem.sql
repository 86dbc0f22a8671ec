-- grain: one row per city, request_id (the requests opened in or after the rebuild month)
-- Each rebuilt request's problem: its walk's end in problem_walk (int_request_problem_parents.sql,
-- then int_request_problem_step.sql until no walk has a `next`), or the request itself when it
-- has no earlier neighbour (it starts a problem, and its request_id is the problem_id).
-- $1 city, $2 the first rebuilt month; temp table problem_walk (request_id, next, final).
with requests as (
  select request_id
  from fact_requests
  where city = $1 and month >= cast($2 as date)
)

select
  $1 as city,
  q.request_id,
  coalesce(w.final, q.request_id) as problem_id,
  w.request_id is null as is_problem_first
from requests as q
left join problem_walk as w on w.request_id = q.request_id
