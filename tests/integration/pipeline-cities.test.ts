/** Every city's bundled sample through the real pipeline: one code path, five configurations. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sandbox, type Sandbox } from '../support/pipeline';

const CITIES = ['toronto', 'san-francisco', 'boston', 'minneapolis', 'seattle'];

describe('pipeline on every city sample', () => {
  let box: Sandbox;
  beforeAll(async () => {
    box = sandbox(CITIES);
    await box.run();
  });
  afterAll(() => box.cleanup());

  it('loads each city and fills every configured level', async () => {
    const rows = await box.query<{ city: string; level: string; areas: number }>(
      `select city, level, count(distinct area_key) as areas from mart_area_month group by all`,
    );
    const levels = (city: string) =>
      rows
        .filter((r) => r.city === city)
        .map((r) => r.level)
        .sort();
    expect(levels('toronto')).toEqual(['_city', 'fsa', 'neighbourhood', 'ward']);
    expect(levels('san-francisco')).toEqual(['_city', 'district', 'neighborhood', 'sffind']);
    expect(levels('boston')).toEqual(['_city', 'neighborhood']);
    expect(levels('minneapolis')).toEqual(['_city', 'neighborhood']);
    expect(levels('seattle')).toEqual(['_city', 'beat', 'mcpp', 'neighborhood', 'precinct']);
    const find = (city: string, level: string) =>
      rows.find((r) => r.city === city && r.level === level)?.areas;
    expect(find('toronto', 'ward')).toBe(25);
    expect(find('san-francisco', 'district')).toBe(11);
    expect(find('minneapolis', 'neighborhood')).toBe(87);
    expect(find('seattle', 'precinct')).toBe(5);
  });

  it('detects placeholder pile-ups from the data and keeps them out of area maps only', async () => {
    const rows = await box.query<{ city: string; flagged: number; mapped: number; total: number }>(
      `select f.city, count(*) filter (where f.location_flag = 'placeholder') as flagged,
         count(*) filter (where f.location_flag = 'placeholder' and a.request_id is not null) as mapped,
         count(*) as total
       from fact_requests f left join fact_request_area a using (city, request_id)
       group by 1 order by 1`,
    );
    const byCity = Object.fromEntries(rows.map((r) => [r.city, r]));
    // Boston geocodes unknown addresses to City Hall (19 of the 100 real cases).
    expect(byCity.boston?.flagged).toBeGreaterThanOrEqual(19);
    expect(byCity.minneapolis?.flagged).toBeGreaterThan(30);
    expect(byCity['san-francisco']?.flagged).toBe(0);
    for (const row of rows) expect(row.mapped, row.city).toBe(0);
    const [cityWide] = await box.query<{ n: number }>(
      `select sum(opened) as n from mart_area_month where city = 'boston' and level = '_city'`,
    );
    expect(cityWide?.n).toBe(100);
  });

  it('keeps the latest version of a repeated Minneapolis CASEID', async () => {
    const [run] = await box.query<{
      rows_superseded: number;
      rows_read: number;
      rows_loaded: number;
    }>(
      `select rows_superseded, rows_read, rows_loaded from pipeline_runs where city = 'minneapolis'`,
    );
    expect(run?.rows_superseded).toBeGreaterThan(0);
    const [dupes] = await box.query<{ n: number }>(
      `select count(*) as n from (select request_id from fact_requests where city = 'minneapolis' group by 1 having count(*) > 1)`,
    );
    expect(dupes?.n).toBe(0);
    const [open] = await box.query<{ n: number }>(
      `select count(*) as n from fact_requests where city = 'minneapolis' and is_open and closed is not null`,
    );
    expect(open?.n).toBe(0);
  });

  it('computes honest on-time shares for Boston and no resolution for Seattle', async () => {
    const [boston] = await box.query<{ on_time: number; sla_due: number; overdue_open: number }>(
      `select sum(on_time) as on_time, sum(sla_due) as sla_due, sum(overdue_open) as overdue_open
       from mart_area_month where city = 'boston' and level = '_city'`,
    );
    expect(boston!.sla_due).toBeGreaterThan(boston!.on_time);
    expect(boston!.on_time).toBeGreaterThan(0);
    const [seattle] = await box.query<{ res: number; open: number }>(
      `select sum(res_n) as res, sum(still_open) as open from mart_area_month where city = 'seattle'`,
    );
    expect(seattle).toEqual({ res: 0, open: 0 });
    const cities = await box.query<{ city: string; has_resolution: boolean; kind: string }>(
      'select city, has_resolution, kind from dim_city order by city',
    );
    expect(cities.map((c) => c.city)).toEqual([...CITIES].sort());
    expect(cities.find((c) => c.city === 'seattle')).toMatchObject({
      kind: 'crime',
      has_resolution: false,
    });
  });

  it('flags closing dates before opening dates and leaves their resolution unknown', async () => {
    const [row] = await box.query<{ n: number; with_hours: number }>(
      `select count(*) as n, count(resolution_hours) as with_hours from fact_requests
       where city = 'san-francisco' and resolution_flag = 'closed_before_open'`,
    );
    expect(row?.n).toBeGreaterThan(0);
    expect(row?.with_hours).toBe(0);
  });
});
