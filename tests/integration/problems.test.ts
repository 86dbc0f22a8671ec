/**
 * Requests vs problems against a built warehouse: a generated San Francisco file with planted
 * duplicates. Same type 20 m and 10 h apart → one problem; 80 m apart, 100 h apart, another
 * type, or unlocated → separate problems; two requests 30 m apart across a grid corner → one
 * problem (the 3×3 neighbourhood); a chain joins the earliest neighbour's problem. Then the
 * invariants (problems ≤ requests, areas add up to the city's located problems) and the
 * duplicates=merged answers of the query functions, and an incremental run whose new request
 * in January changes a February problem (the window's spill into the next month); a chain of 45
 * links across four months (many pointer-jumping steps) and a late request joining it.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';

vi.mock('server-only', () => ({}));

import { openDuckDb } from '@/lib/warehouse/duckdb/connection';
import { getChoropleth } from '@/lib/queries/choropleth';
import { getTrends } from '@/lib/queries/trends';
import { type View } from '@/lib/view';
import { parseView } from '@/lib/view/schema';
import { runDataTests } from '@/pipeline/data-tests';
import { sandbox, type Sandbox } from '../support/pipeline';

const HEADER =
  'service_request_id,requested_datetime,updated_datetime,closed_date,status_description,service_name,service_subtype,agency_responsible,source,supervisor_district,lat,long';
const R = 6371008.8;
const LAT_PER_M = 180 / (Math.PI * R);
/** North Beach (district 3): the highest latitude written, so it is the grid's reference. */
const BASE = { lat: 37.7986, long: -122.4076 };
const LONG_PER_M = LAT_PER_M / Math.cos((BASE.lat * Math.PI) / 180);
const CELL = 50;

interface Planted {
  id: string;
  at: string;
  type: string;
  /** metres north and east of BASE; null: no coordinates */
  north: number | null;
  east?: number;
  lat?: number;
  long?: number;
  closed?: string;
}

function line(p: Planted): string {
  const lat = p.lat ?? (p.north === null ? '' : BASE.lat + p.north * LAT_PER_M);
  const long = p.long ?? (p.north === null ? '' : BASE.long + (p.east ?? 0) * LONG_PER_M);
  const status = p.closed ? 'Closed' : 'Open';
  const district = p.north === null ? '' : '3';
  return `${p.id},${p.at},${p.at},${p.closed ?? ''},${status},${p.type},Other,DPW,Phone,${district},${lat},${long}`;
}

/** A point a few metres either side of a grid corner (cells CELL m wide on projected metres). */
function corner(): { a: { lat: number; long: number }; b: { lat: number; long: number } } {
  const rad = (d: number) => (d * Math.PI) / 180;
  const deg = (r: number) => (r * 180) / Math.PI;
  // Points south of BASE and BASE itself: BASE.lat is the highest, the x scale's reference.
  const cy = Math.floor((rad(BASE.lat) * R) / CELL) - 40;
  const cx = Math.floor((rad(BASE.long) * R * Math.cos(rad(BASE.lat))) / CELL) + 40;
  const y = deg((cy * CELL) / R);
  const x = deg((cx * CELL) / (R * Math.cos(rad(BASE.lat))));
  // ±10 m in each direction (true metres at this latitude are a little more in longitude)
  return {
    a: { lat: y - 10 * LAT_PER_M, long: x - 10 * LONG_PER_M },
    b: { lat: y + 10 * LAT_PER_M, long: x + 10 * LONG_PER_M },
  };
}

const POTHOLE = 'Street Defects';
const GRAFFITI = 'Graffiti';

function planted(): Planted[] {
  const { a, b } = corner();
  return [
    // A and B: 20 m and 10 h apart → one problem (south of BASE: BASE stays the highest).
    {
      id: 'A',
      at: '2025-03-10T08:00:00.000',
      type: POTHOLE,
      north: 0,
      closed: '2025-03-12T08:00:00.000',
    },
    {
      id: 'B',
      at: '2025-03-10T18:00:00.000',
      type: POTHOLE,
      north: -20,
      closed: '2025-03-10T19:00:00.000',
    },
    // C: 80 m from A (60 m from B), an hour after A → its own problem.
    { id: 'C', at: '2025-03-10T09:00:00.000', type: POTHOLE, north: -80 },
    // D: where A was, 100 h after A (90 h after B) → its own problem.
    { id: 'D', at: '2025-03-14T12:00:00.000', type: POTHOLE, north: 0 },
    // E: where A was, 2 h after, another type → its own problem.
    { id: 'E', at: '2025-03-10T10:00:00.000', type: GRAFFITI, north: 0 },
    // F and G: 28 m apart on either side of a grid corner, 5 h apart → one problem.
    { id: 'F', at: '2025-03-11T08:00:00.000', type: POTHOLE, north: 0, ...a },
    { id: 'G', at: '2025-03-11T13:00:00.000', type: POTHOLE, north: 0, ...b },
    // H, I, J: 10 m steps 60 h apart; J is 120 h after H but 60 h after I → H's problem.
    { id: 'H', at: '2025-03-20T00:00:00.000', type: GRAFFITI, north: 300 - 400 },
    { id: 'I', at: '2025-03-22T12:00:00.000', type: GRAFFITI, north: 310 - 400 },
    { id: 'J', at: '2025-03-25T00:00:00.000', type: GRAFFITI, north: 320 - 400 },
    // U1, U2: no coordinates, same type and time → each its own problem.
    { id: 'U1', at: '2025-03-15T08:00:00.000', type: POTHOLE, north: null },
    { id: 'U2', at: '2025-03-15T08:00:00.000', type: POTHOLE, north: null },
  ];
}

function view(query: string): View {
  const parsed = parseView(new URLSearchParams(query));
  if (!parsed.ok) throw new Error(parsed.error);
  return parsed.view;
}

describe('int_request_problem on planted duplicates', () => {
  let box: Sandbox;
  afterEach(() => box.cleanup());

  async function build(rows: Planted[], name = 'generated.csv') {
    const file = path.join(box.dir, name);
    writeFileSync(file, [HEADER, ...rows.map(line)].join('\n') + '\n');
    await box.run({ source: 'file', filePath: file });
    const facts = await box.query<{ request_id: string; problem_id: string; first: boolean }>(
      `select request_id, problem_id, is_problem_first as first from fact_requests order by request_id`,
    );
    return new Map(facts.map((f) => [f.request_id, f]));
  }

  it('merges near duplicates and keeps apart what is farther, later, of another type or unlocated', async () => {
    box = sandbox(['san-francisco']);
    const problems = await build(planted());
    const problemOf = (id: string) => problems.get(id)?.problem_id;
    expect(problems.size).toBe(12);
    expect(problemOf('B')).toBe('A');
    expect(problemOf('C')).toBe('C');
    expect(problemOf('D')).toBe('D');
    expect(problemOf('E')).toBe('E');
    expect(problemOf('G')).toBe('F');
    expect(problemOf('I')).toBe('H');
    expect(problemOf('J')).toBe('H');
    expect(problemOf('U1')).toBe('U1');
    expect(problemOf('U2')).toBe('U2');
    const firsts = [...problems.values()].filter((p) => p.first).map((p) => p.request_id);
    expect(firsts.sort()).toEqual(['A', 'C', 'D', 'E', 'F', 'H', 'U1', 'U2']);

    // Invariants: problems ≤ requests, and the areas add up to the city's located problems.
    const [mart] = await box.query<{ requests: number; problems: number; areas: number }>(
      `select
         (select sum(opened) from mart_area_month where level = '_city') as requests,
         (select sum(opened) from mart_area_month where level = '_city' and is_problem_first) as problems,
         (select sum(opened) from mart_area_month where level = 'district' and is_problem_first) as areas`,
    );
    expect(mart).toEqual({ requests: 12, problems: 8, areas: 6 });

    const db = await openDuckDb(box.warehouse, { readOnly: true });
    try {
      const range = 'city=san-francisco&level=district&from=2025-03-01&to=2025-03-31';
      const kept = await getChoropleth(db, view(range));
      const merged = await getChoropleth(db, view(`${range}&duplicates=merged`));
      expect(kept.total).toBe(12);
      expect(merged.total).toBe(8);
      expect(merged.unlocated).toBe(2);
      expect(merged.areas.reduce((sum, a) => sum + a.count, 0)).toBe(6);
      expect(merged.duplicates).toEqual({
        mode: 'merged',
        requests: 12,
        problems: 8,
        sentence: '12 requests merged into 8 problems (33%)',
      });
      expect(kept.duplicates.mode).toBe('kept');
      // The problem's place, status and time to close are its first request's: A, closed in 48 h.
      const median = await getChoropleth(
        db,
        view(`${range}&duplicates=merged&metric=median_days&type=${encodeURIComponent(POTHOLE)}`),
      );
      expect(median.areas.find((a) => a.area_key === '3')?.count).toBe(1);
      // Trends count problems too (the city level: unlocated included).
      const trends = await getTrends(db, view(`${range}&duplicates=merged`), { maxCategories: 8 });
      expect(trends.points.reduce((sum, p) => sum + (p.count ?? 0), 0)).toBe(8);
    } finally {
      await db.close();
    }
  });

  it('an incremental run reassigns the month after the one it touched', async () => {
    box = sandbox(['san-francisco']);
    // February first: X starts its problem, and February holds one problem.
    const first = await build([
      { id: 'X', at: '2025-02-01T06:00:00.000', type: POTHOLE, north: 0 },
      { id: 'Y', at: '2025-03-05T06:00:00.000', type: POTHOLE, north: -500 },
    ]);
    expect(first.get('X')?.first).toBe(true);
    // Then a January request 20 m away, 10 h before: X joins W's problem.
    const second = await build(
      [{ id: 'W', at: '2025-01-31T20:00:00.000', type: POTHOLE, north: -20 }],
      'late.csv',
    );
    expect(second.get('X')).toMatchObject({ problem_id: 'W', first: false });
    const months = await box.query<{ month: string; problems: number; requests: number }>(
      `select strftime(month, '%Y-%m') as month,
         coalesce(sum(opened) filter (where is_problem_first), 0) as problems, sum(opened) as requests
       from mart_area_month where level = '_city' group by all order by month`,
    );
    expect(months).toEqual([
      { month: '2025-01', problems: 1, requests: 1 },
      { month: '2025-02', problems: 0, requests: 1 },
      { month: '2025-03', problems: 1, requests: 1 },
    ]);
  });

  it('carries a long chain to its first request, across months, and beside a second chain', async () => {
    box = sandbox(['san-francisco']);
    // 45 requests, each 10 m and 60 h after the one before (never within 72 h of the one two
    // back): one chain of 45 links from 2025-01-01 into April, which takes several halvings of
    // the walks. A second chain of 7 sits 500 m south. One problem each, whatever the depth.
    const hours = (n: number) => new Date(Date.UTC(2025, 0, 1) + n * 3_600_000).toISOString();
    const at = (n: number) => hours(n).replace('Z', '');
    const long = Array.from({ length: 45 }, (_, i) => ({
      id: `L${String(i).padStart(2, '0')}`,
      at: at(i * 60),
      type: GRAFFITI,
      north: -i * 10,
    }));
    const short = Array.from({ length: 7 }, (_, i) => ({
      id: `S${i}`,
      at: at(i * 60 + 5),
      type: GRAFFITI,
      north: -500 - i * 10,
    }));
    const problems = await build([...long, ...short]);
    expect(new Set(long.map((r) => problems.get(r.id)?.problem_id))).toEqual(new Set(['L00']));
    expect(new Set(short.map((r) => problems.get(r.id)?.problem_id))).toEqual(new Set(['S0']));
    const firsts = [...problems.values()].filter((p) => p.first).map((p) => p.request_id);
    expect(firsts.sort()).toEqual(['L00', 'S0']);
    const [chain] = await box.query<{ members: number }>(
      `select count(*) as members from fact_requests where problem_id = 'L00'`,
    );
    expect(chain?.members).toBe(45);

    // A late request in April 60 h after the chain's last link joins it: its walk ends at the
    // stored problem of a request before the rebuilt months (the month before keeps its own).
    const last = 44 * 60;
    const late = await build(
      [{ id: 'L45', at: at(last + 60), type: GRAFFITI, north: -450 }],
      'late.csv',
    );
    expect(late.get('L45')).toMatchObject({ problem_id: 'L00', first: false });
  });

  it('the data tests catch a problem_id that is no earlier request of the type', async () => {
    box = sandbox(['san-francisco']);
    await build(planted());
    const db = await openDuckDb(box.warehouse);
    try {
      expect(await runDataTests(db, ['san-francisco'])).toBeGreaterThan(0);
      await db.run(`update fact_requests set problem_id = 'E' where request_id = 'B'`);
      await expect(runDataTests(db, ['san-francisco'])).rejects.toThrow(
        /1 requests whose problem_id is no earlier request of their type/,
      );
    } finally {
      await db.close();
    }
  });
});
