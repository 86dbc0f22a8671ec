-- grain: one row per request_id of problem_walk (the rebuilt requests with an earlier neighbour)
-- One halving of the walks from requests to their problems (pointer jumping): a request whose
-- walk goes on (`next`, a rebuilt request) takes over that request's own next and final, so a
-- chain of n requests is resolved in about log2(n) steps, each one join over the table, where a
-- recursive walk would take n. A `next` with no row here has no parent itself: it starts the
-- problem. Reads temp table problem_walk (request_id, next, final).
select
  w.request_id,
  case when w.next is not null then n.next end as next,
  case
    when w.next is null then w.final
    when n.request_id is null then w.next
    else n.final
  end as final
from problem_walk as w
left join problem_walk as n on n.request_id = w.next
