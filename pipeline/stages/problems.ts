/**
 * Stage "problems": requests of one type close in space and time are grouped into one problem
 * (pipeline/sql/intermediate/int_request_problem*.sql: each request's parent, then the walks
 * from parent to parent halved step by step, then each request's problem); each request gets
 * its problem_id and is_problem_first in fact_requests. A chain can carry a problem from one
 * month into the next, so the requests are reassigned from the earliest month the run touched
 * on, and every month whose first-of-problem flags changed joins the months whose marts are
 * rebuilt. The step's log line gives `walkSteps`: n halvings resolve chains of up to 2^n links.
 */
import type { CityConfig } from '@/lib/cities';
import type { DuckDbWarehouse } from '@/lib/warehouse/duckdb/connection';
import { sql } from '../sql-files';

/**
 * A chain can never be longer than the requests in it; each step halves every walk, so 64 steps
 * resolve any chain a table can hold. More means the parents form a cycle, which the model's
 * strict "earlier" order rules out: refuse rather than loop.
 */
const MAX_WALK_STEPS = 64;

/** Halve every walk (int_request_problem_step.sql) until each request knows its problem. */
async function resolveWalks(db: DuckDbWarehouse): Promise<number> {
  for (let step = 0; ; step++) {
    const [open] = await db.query<{ n: number }>(
      'select count(*) as n from problem_walk where next is not null',
    );
    if (Number(open?.n ?? 0) === 0) return step;
    if (step >= MAX_WALK_STEPS) {
      throw new Error(
        `problems: ${open?.n} requests still had no problem after ${MAX_WALK_STEPS} steps (a cycle of parents?)`,
      );
    }
    await db.run(
      `create or replace temp table problem_walk as ${sql('intermediate/int_request_problem_step.sql')}`,
    );
  }
}

export async function assignProblems(
  db: DuckDbWarehouse,
  city: CityConfig,
  affected: Set<string>,
): Promise<{ requests: number; problems: number; monthsChanged: number; walkSteps: number }> {
  // Requests never assigned (loaded before this stage existed) are assigned too, from their month.
  const [unassigned] = await db.query<{ month: string | null }>(
    `select strftime(min(month), '%Y-%m-%d') as month from fact_requests
     where city = ? and problem_id is null`,
    [city.id],
  );
  const start = [...affected, ...(unassigned?.month ? [unassigned.month] : [])].sort()[0];
  if (start === undefined) return { requests: 0, problems: 0, monthsChanged: 0, walkSteps: 0 };
  const rules = city.duplicates;
  await db.run(
    'create or replace temp table problem_rules (type varchar, distance_m double, window_h double)',
  );
  const perType = Object.entries(rules.types);
  if (perType.length) {
    await db.run(
      `insert into problem_rules values ${perType.map(() => '(?, ?, ?)').join(', ')}`,
      perType.flatMap(([type, rule]) => [type, rule.distanceMeters, rule.windowHours]),
    );
  }
  await db.run(
    `create or replace temp table problem_walk as ${sql('intermediate/int_request_problem_parents.sql')}`,
    [city.id, start, rules.distanceMeters, rules.windowHours],
  );
  const walkSteps = await resolveWalks(db);
  await db.run(
    `create or replace temp table problem_new as ${sql('intermediate/int_request_problem.sql')}`,
    [city.id, start],
  );
  await db.run('drop table if exists problem_walk');
  // Months whose counts of problems change: their marts must be rebuilt too.
  const changed = await db.query<{ month: string }>(
    `select distinct strftime(f.month, '%Y-%m-%d') as month
     from fact_requests as f join problem_new as n on n.request_id = f.request_id
     where f.city = ? and f.is_problem_first is distinct from n.is_problem_first`,
    [city.id],
  );
  let monthsChanged = 0;
  for (const { month } of changed) {
    if (!affected.has(month)) monthsChanged += 1;
    affected.add(month);
  }
  await db.run(
    `update fact_requests as f set problem_id = n.problem_id, is_problem_first = n.is_problem_first
     from problem_new as n
     where f.city = ? and f.request_id = n.request_id
       and (f.problem_id is distinct from n.problem_id
         or f.is_problem_first is distinct from n.is_problem_first)`,
    [city.id],
  );
  const [counts] = await db.query<{ requests: number; problems: number }>(
    `select count(*) as requests, count(*) filter (where is_problem_first) as problems from problem_new`,
  );
  await db.run('drop table if exists problem_new');
  return {
    requests: Number(counts?.requests ?? 0),
    problems: Number(counts?.problems ?? 0),
    monthsChanged,
    walkSteps,
  };
}
