/**
 * The Toronto slice end to end: the bundled sample through the real pipeline into a temporary
 * DuckDB file, checked against counts computed independently from the CSV in plain TypeScript.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fingerprint, ROOT, sandbox, type Sandbox } from '../support/pipeline';

const SAMPLE = path.join(ROOT, 'data/samples/toronto/sr2024-2025-sample.csv');
const COMMA_DIVISIONS = ['Parks, Forestry & Recreation'];

/** An independent reading of the published layout: split on commas, rejoin a split Division. */
function countByWardAndFsa() {
  const lines = readFileSync(SAMPLE, 'utf8').split(/\r?\n/).slice(1).filter(Boolean);
  const wards = new Map<string, number>();
  const fsas = new Map<string, number>();
  let rows = 0;
  let tenFieldRows = 0;
  for (const line of lines) {
    const fields = line.split(',');
    if (fields.length === 10) {
      tenFieldRows += 1;
      const division = `${fields[7]},${fields[8]}`;
      expect(COMMA_DIVISIONS).toContain(division);
    } else {
      expect(fields.length).toBe(9);
    }
    rows += 1;
    const ward = /\((\d+)\)\s*$/.exec(fields[5] ?? '')?.[1];
    if (ward) wards.set(String(Number(ward)), (wards.get(String(Number(ward))) ?? 0) + 1);
    const fsa = fields[2] ?? '';
    if (/^M\d[A-Z]$/.test(fsa)) fsas.set(fsa, (fsas.get(fsa) ?? 0) + 1);
  }
  return { rows, tenFieldRows, wards, fsas };
}

describe('pipeline on the Toronto sample', () => {
  let box: Sandbox;
  const expected = countByWardAndFsa();

  beforeAll(async () => {
    box = sandbox(['toronto']);
    await box.run();
  });
  afterAll(() => box.cleanup());

  it('loads every CSV row, repairing the unquoted Division rows rather than skipping them', async () => {
    const [total] = await box.query<{ n: number }>(
      `select coalesce(sum(opened), 0) as n from mart_area_month
       where city = 'toronto' and level = '_city' and month >= date '2024-01-01'`,
    );
    expect(total?.n).toBe(expected.rows);
    // A Division with a comma can only come from a repaired ten-field row.
    const [parks] = await box.query<{ n: number }>(
      `select count(*) as n from fact_requests where division = 'Parks, Forestry & Recreation'`,
    );
    expect(parks?.n).toBe(expected.tenFieldRows);
    expect(expected.tenFieldRows).toBeGreaterThan(0.05 * expected.rows);
  });

  it('agrees with an independent count per ward', async () => {
    const rows = await box.query<{ area_key: string; n: number }>(
      `select area_key, sum(opened) as n from mart_area_month
       where city = 'toronto' and level = 'ward' and month >= date '2024-01-01' group by 1`,
    );
    expect(rows).toHaveLength(25);
    for (const row of rows)
      expect(row.n, `ward ${row.area_key}`).toBe(expected.wards.get(row.area_key));
  });

  it('agrees with an independent count per FSA, leaving "Int" and blanks unlocated', async () => {
    const rows = await box.query<{ area_key: string; n: number }>(
      `select area_key, sum(opened) as n from mart_area_month
       where city = 'toronto' and level = 'fsa' and month >= date '2024-01-01' group by 1`,
    );
    const known = new Set(rows.map((r) => r.area_key));
    let located = 0;
    for (const row of rows) {
      expect(row.n, `fsa ${row.area_key}`).toBe(expected.fsas.get(row.area_key));
      located += row.n;
    }
    const unlocated = expected.rows - located;
    expect(unlocated).toBeGreaterThan(0);
    expect(known.size).toBeLessThanOrEqual(96);
  });

  it('assigns Open311 points to neighbourhoods by point-in-polygon', async () => {
    const [row] = await box.query<{ n: number; areas: number }>(
      `select count(*) as n, count(distinct area_key) as areas from fact_request_area
       where city = 'toronto' and level = 'neighbourhood'`,
    );
    expect(row?.n).toBeGreaterThan(950);
    expect(row?.areas).toBeGreaterThan(100);
  });

  it('records the run with rows read = loaded + quarantined + superseded', async () => {
    const [run] = await box.query<{
      rows_read: number;
      rows_loaded: number;
      rows_quarantined: number;
      rows_superseded: number;
    }>(`select * from pipeline_runs where city = 'toronto'`);
    expect(run).toBeDefined();
    expect(run!.rows_read).toBe(expected.rows + 1000);
    expect(run!.rows_read).toBe(run!.rows_loaded + run!.rows_quarantined + run!.rows_superseded);
  });

  it('leaves an identical warehouse when run twice on the same input', async () => {
    const before = await fingerprint(box);
    const result = await box.run();
    expect(result.cities[0]?.filesSkipped).toBe(2);
    expect(await fingerprint(box)).toEqual(before);
    const full = await box.run({ full: true });
    expect(full.cities[0]?.rowsRead).toBe(expected.rows + 1000);
    expect(await fingerprint(box)).toEqual(before);
  });
});
