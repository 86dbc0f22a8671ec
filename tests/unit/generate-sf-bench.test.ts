/**
 * The SF benchmark generator: the real vw6y-z8j6 header, determinism, row size, unique
 * increasing ids, the quirks the pipeline must handle, and the month-append mode.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  FIRST_ID,
  formatPoint,
  loadSfCalibration,
  SF_SAMPLE_DIR,
  SF_SOCRATA_SAMPLE,
  SfBenchGenerator,
} from '@/tools/generate/sf-bench';
import type { SfBenchOptions, SfCalibration } from '@/tools/generate/sf-bench';

const ROOT = join(import.meta.dirname, '..', '..');
const REAL = readFileSync(join(ROOT, SF_SAMPLE_DIR, SF_SOCRATA_SAMPLE), 'utf8');
const REAL_HEADER = REAL.split('\n')[0] ?? '';
const COLUMNS = REAL_HEADER.split(',');
const col = (name: string) => COLUMNS.indexOf(name);

const BASE: SfBenchOptions = { rows: 20_000, seed: 415, from: '2024-01-01', to: '2025-12-31' };

let calibration: SfCalibration;
let lines: string[];
let rows: string[][];

function csv(text: string): string[][] {
  return parse(text, { relax_column_count: false });
}

beforeAll(() => {
  calibration = loadSfCalibration(ROOT);
  lines = [...new SfBenchGenerator(calibration, BASE).baseLines()];
  rows = csv(`${lines.join('\n')}\n`);
});

describe('SfBenchGenerator', () => {
  it('writes the header of the real 2023-11-28 extract, unchanged', () => {
    expect(new SfBenchGenerator(calibration, BASE).header).toBe(REAL_HEADER);
    expect(COLUMNS).toHaveLength(48);
  });

  it('gives the same bytes for the same seed and different bytes for another seed', () => {
    const options = { ...BASE, rows: 3000 };
    const a = [...new SfBenchGenerator(calibration, options).baseLines()].join('\n');
    const b = [...new SfBenchGenerator(calibration, options).baseLines()].join('\n');
    const c = [...new SfBenchGenerator(calibration, { ...options, seed: 416 }).baseLines()].join(
      '\n',
    );
    expect(a).toBe(b);
    expect(c).not.toBe(a);
  });

  it('writes exactly --rows rows of 48 fields, with ids unique and increasing from FIRST_ID', () => {
    expect(rows).toHaveLength(BASE.rows);
    expect(rows.every((r) => r.length === COLUMNS.length)).toBe(true);
    const ids = rows.map((r) => Number(r[col('service_request_id')]));
    expect(ids[0]).toBe(FIRST_ID);
    expect(ids.every((id, i) => i === 0 || id === (ids[i - 1] ?? 0) + 1)).toBe(true);
  });

  it('averages 300–380 bytes a row (the real file: 2.2 GB for 6.6 M rows)', () => {
    const bytes = lines.reduce((a, l) => a + Buffer.byteLength(l) + 1, 0);
    const average = bytes / lines.length;
    expect(average).toBeGreaterThanOrEqual(300);
    expect(average).toBeLessThanOrEqual(380);
  });

  it('keeps the real value formats', () => {
    const stamp = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.000$/;
    const sources = new Set(
      csv(REAL)
        .slice(1)
        .map((r) => r[col('source')]),
    );
    for (const r of rows.slice(0, 2000)) {
      expect(r[col('requested_datetime')]).toMatch(stamp);
      expect(r[col('updated_datetime')]).toMatch(stamp);
      expect(r[col('closed_date')]).toMatch(
        r[col('status_description')] === 'Closed' ? stamp : /^$/,
      );
      expect(r[col('supervisor_district')]).toMatch(/^(\d{1,2})?$/);
      expect(r[col('lat')]).toMatch(/^-?\d+\.\d{12}$/);
      expect(sources.has(r[col('source')])).toBe(true);
    }
  });

  it('orders rows by requested_datetime and closes ~80%, a few before they were opened', () => {
    const requested = rows.map((r) => r[col('requested_datetime')] ?? '');
    expect(requested.every((t, i) => i === 0 || t >= (requested[i - 1] ?? ''))).toBe(true);
    const closed = rows.filter((r) => r[col('status_description')] === 'Closed');
    expect(closed.length / rows.length).toBeGreaterThan(0.74);
    expect(closed.length / rows.length).toBeLessThan(0.85);
    const early = closed.filter(
      (r) => (r[col('closed_date')] ?? '') < (r[col('requested_datetime')] ?? ''),
    );
    expect(early.length / rows.length).toBeGreaterThan(0.005);
    expect(early.length / rows.length).toBeLessThan(0.03);
  });

  it('leaves ~3% of located rows without an SF Find neighbourhood and puts a few at placeholders', () => {
    const hood = col('neighborhoods_sffind_boundaries');
    const located = rows.filter((r) => r[col('lat')] !== '0.000000000000');
    const empty = located.filter((r) => r[hood] === '');
    expect(empty.length / located.length).toBeGreaterThan(0.02);
    expect(empty.length / located.length).toBeLessThan(0.05);
    const cityHall = rows.filter((r) => r[col('lat')] === '37.779300000000');
    expect(cityHall.length).toBeGreaterThan(10);
    expect(rows.length - located.length).toBeGreaterThan(5);
  });

  it('can write the point as the extract does (Python repr of the SODA location)', () => {
    const realPoint = csv(REAL)[1]?.[col('point')] ?? '';
    const ours = csv(`${formatPoint('37.8009614', '-122.399448', 'json-repr')}\n`)[0]?.[0];
    expect(ours).toBe(realPoint);
  });
});

describe('SfBenchGenerator.appendLines', () => {
  it('writes one month of new ids after the base file, plus ~1% updates of open earlier ids', () => {
    const generator = new SfBenchGenerator(calibration, BASE);
    const increment = csv(`${[...generator.appendLines('2026-01')].join('\n')}\n`);
    const id = (r: string[]) => Number(r[col('service_request_id')]);
    const fresh = increment.filter((r) => id(r) >= FIRST_ID + BASE.rows);
    const updates = increment.filter((r) => id(r) < FIRST_ID + BASE.rows);
    expect(fresh[0] && id(fresh[0])).toBe(FIRST_ID + BASE.rows);
    expect(fresh.every((r, i) => id(r) === FIRST_ID + BASE.rows + i)).toBe(true);
    expect(fresh.every((r) => r[col('requested_datetime')]?.startsWith('2026-01-'))).toBe(true);
    // A month of a 2-year base is about a 24th of it.
    expect(fresh.length).toBeGreaterThan(BASE.rows / 30);
    expect(fresh.length).toBeLessThan(BASE.rows / 18);
    expect(updates.length).toBeGreaterThanOrEqual(Math.floor(fresh.length * 0.008));
    expect(new Set(updates.map(id)).size).toBe(updates.length);

    const base = new Map(rows.map((r) => [id(r), r]));
    for (const u of updates) {
      const before = base.get(id(u));
      expect(before?.[col('status_description')]).toBe('Open');
      expect(u[col('status_description')]).toBe('Closed');
      expect(u[col('updated_datetime')]?.startsWith('2026-01-')).toBe(true);
      expect(u[col('closed_date')]).toBe(u[col('updated_datetime')]);
      for (const name of ['requested_datetime', 'service_name', 'address', 'lat', 'long'])
        expect(u[col(name)]).toBe(before?.[col(name)]);
    }
  });

  it('refuses a month that does not follow the base file', () => {
    const generator = new SfBenchGenerator(calibration, BASE);
    expect(() => [...generator.appendLines('2026-03')]).toThrow(/right after/);
  });
});
