/**
 * The Toronto sample generator: determinism, the published layout (unquoted fields, ten-field
 * rows from "Parks, Forestry & Recreation") and calibration of the committed sample against the
 * real aggregates it was built from.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadTorontoCalibration } from '@/tools/generate/toronto-calibration';
import type { TorontoCalibration } from '@/tools/generate/toronto-calibration';
import {
  COMMA_DIVISIONS,
  formatCreationDate,
  generateTorontoCsv,
  TORONTO_HEADER,
} from '@/tools/generate/toronto';

const ROOT = join(import.meta.dirname, '..', '..');
const SAMPLE = join(ROOT, 'data/samples/toronto/sr2024-2025-sample.csv');

interface Row {
  created: string;
  status: string;
  postal: string;
  ward: string;
  type: string;
  division: string;
  fieldCount: number;
}

/** Reads a line as a loader must: ten fields means the Division held a comma. */
function readRow(line: string): Row {
  const f = line.split(',');
  const division = f.length === 10 ? `${f[7]},${f[8]}` : (f[7] ?? '');
  return {
    created: f[0] ?? '',
    status: f[1] ?? '',
    postal: f[2] ?? '',
    ward: f[5] ?? '',
    type: f[6] ?? '',
    division,
    fieldCount: f.length,
  };
}

let calibration: TorontoCalibration;
let lines: string[];
let rows: Row[];

beforeAll(() => {
  calibration = loadTorontoCalibration(ROOT);
  lines = readFileSync(SAMPLE, 'utf8').trimEnd().split('\n');
  rows = lines.slice(1).map(readRow);
});

describe('generateTorontoCsv', () => {
  it('gives the same bytes for the same seed and different bytes for another seed', () => {
    const options = { rows: 2000, from: '2024-01-01', to: '2024-12-31', seed: 7 };
    const a = generateTorontoCsv(calibration, options);
    const b = generateTorontoCsv(calibration, options);
    const c = generateTorontoCsv(calibration, { ...options, seed: 8 });
    expect(a).toBe(b);
    expect(c).not.toBe(a);
    expect(a.trimEnd().split('\n')).toHaveLength(2001);
  });

  it('reproduces the committed sample from its documented command', () => {
    const csv = generateTorontoCsv(calibration, {
      rows: 40_000,
      from: '2024-01-01',
      to: '2025-12-31',
      seed: 311,
    });
    expect(csv).toBe(readFileSync(SAMPLE, 'utf8'));
  });

  it('formats Creation Date with seven fractional zeros', () => {
    expect(formatCreationDate(new Date(Date.UTC(2024, 2, 5, 14, 22, 31)))).toBe(
      '2024-03-05 14:22:31.0000000',
    );
  });
});

describe('committed sample layout', () => {
  it('has the exact published header and 40,000 rows under 6 MB', () => {
    expect(lines[0]).toBe(TORONTO_HEADER);
    expect(rows).toHaveLength(40_000);
    expect(readFileSync(SAMPLE).length).toBeLessThanOrEqual(6_000_000);
  });

  it('never quotes a field', () => {
    expect(lines.some((l) => l.includes('"'))).toBe(false);
  });

  it('has 9 or 10 fields per row, about 7.5% (±2pp) with 10, all from a comma division', () => {
    const counts = rows.map((r) => r.fieldCount);
    expect(counts.every((n) => n === 9 || n === 10)).toBe(true);
    const ten = rows.filter((r) => r.fieldCount === 10);
    const share = ten.length / rows.length;
    expect(share).toBeGreaterThan(0.055);
    expect(share).toBeLessThan(0.095);
    for (const r of ten) expect(COMMA_DIVISIONS).toContain(r.division);
  });

  it('writes dates in the range like 2024-03-05 14:22:31.0000000, in order', () => {
    for (const r of rows)
      expect(r.created).toMatch(/^202[45]-\d{2}-\d{2} \d{2}:\d{2}:\d{2}\.0000000$/);
    expect(rows[0]?.created.startsWith('2024-01')).toBe(true);
    expect(rows.at(-1)?.created.startsWith('2025-12')).toBe(true);
    const sorted = [...rows.map((r) => r.created)].sort();
    expect(rows.map((r) => r.created)).toEqual(sorted);
  });

  it('uses the real status values, ward texts and postal quirks', () => {
    const statuses = new Set(rows.map((r) => r.status));
    expect([...statuses].sort()).toEqual([
      'Cancelled',
      'Completed',
      'In Progress',
      'Initiated',
      'New',
    ]);
    const wardLabels = new Set(calibration.wards.map((w) => w.label));
    for (const r of rows) if (r.ward !== '') expect(wardLabels).toContain(r.ward);
    const postal = rows.map((r) => r.postal);
    expect(postal.filter((p) => p === 'Int').length / rows.length).toBeGreaterThan(0.1);
    expect(postal.filter((p) => p === '').length).toBeGreaterThan(0);
    expect(
      postal.filter((p) => p !== 'Int' && p !== '' && !/^M\d[A-Z]$/.test(p)).length,
    ).toBeGreaterThan(0);
  });
});

describe('committed sample calibration', () => {
  it('matches the real per-ward shares within 0.6 percentage points', () => {
    const total = calibration.wards.reduce((a, w) => a + w.count, 0);
    const withWard = rows.filter((r) => r.ward !== '');
    for (const ward of calibration.wards) {
      const real = ward.count / total;
      const sample = withWard.filter((r) => r.ward === ward.label).length / withWard.length;
      expect(Math.abs(sample - real), ward.label).toBeLessThan(0.006);
    }
  });

  it('has the real top-5 types in the aggregates window (19 May – 17 Aug)', () => {
    const inWindow = rows.filter((r) => {
      const md = r.created.slice(5, 10);
      return md >= '05-19' && md <= '08-17';
    });
    const counts = new Map<string, number>();
    for (const r of inWindow) counts.set(r.type, (counts.get(r.type) ?? 0) + 1);
    const top5 = [...counts]
      .sort((a, b) => b[1] - a[1])
      .slice(0, 5)
      .map(([t]) => t);
    const realTop5 = [...calibration.topTypes]
      .sort((a, b) => b.count - a.count)
      .slice(0, 5)
      .map((t) => t.type);
    expect(top5.sort()).toEqual(realTop5.sort());
  });

  it('puts more than 80% of snow and ice requests in December–March', () => {
    const snow = rows.filter((r) => /snow|ice \/ salting/i.test(r.type));
    expect(snow.length).toBeGreaterThan(200);
    const winter = snow.filter((r) => ['12', '01', '02', '03'].includes(r.created.slice(5, 7)));
    expect(winter.length / snow.length).toBeGreaterThan(0.8);
  });

  it('puts most long-grass requests in May–September', () => {
    const grass = rows.filter((r) => /long grass/i.test(r.type));
    const season = grass.filter((r) =>
      ['05', '06', '07', '08', '09'].includes(r.created.slice(5, 7)),
    );
    expect(season.length / grass.length).toBeGreaterThan(0.9);
  });

  it('keeps the real weekday/weekend ratio within 10%', () => {
    const perDay = new Map<string, number>();
    for (const r of rows)
      perDay.set(r.created.slice(0, 10), (perDay.get(r.created.slice(0, 10)) ?? 0) + 1);
    let weekday = 0;
    let weekdays = 0;
    let weekend = 0;
    let weekends = 0;
    for (let t = Date.UTC(2024, 0, 1); t <= Date.UTC(2025, 11, 31); t += 86_400_000) {
      const day = new Date(t).toISOString().slice(0, 10);
      const n = perDay.get(day) ?? 0;
      if ([0, 6].includes(new Date(t).getUTCDay())) {
        weekend += n;
        weekends += 1;
      } else {
        weekday += n;
        weekdays += 1;
      }
    }
    const ratio = weekday / weekdays / (weekend / weekends);
    expect(calibration.weekdayWeekendRatio).toBeGreaterThan(1.5);
    expect(Math.abs(ratio / calibration.weekdayWeekendRatio - 1)).toBeLessThan(0.1);
  });

  it('completes older requests more often than the last 90 days, which sit near the real rate', () => {
    const done = (list: Row[]) => list.filter((r) => r.status === 'Completed').length / list.length;
    const recent = rows.filter((r) => r.created >= '2025-10-02');
    const old = rows.filter((r) => r.created < '2025-01-01');
    expect(done(old)).toBeGreaterThan(done(recent) + 0.15);
    expect(Math.abs(done(recent) - calibration.cityCompletionRate / 100)).toBeLessThan(0.1);
  });
});
