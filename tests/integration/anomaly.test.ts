/**
 * Unusual now against a built warehouse: a generated San Francisco file, flat for 25 months
 * (two places, two types, the same count every month), then a spike planted in the last
 * complete month for one type in one district. mart_anomaly must flag exactly that type (and
 * its category) where the spike is, and nothing in the flat version; GET /api/anomalies' query
 * returns it with observed, expected, ratio and p-value.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDuckDb } from '@/lib/warehouse/duckdb/connection';
import { getAnomalies } from '@/lib/queries/anomalies';
import { runDataTests } from '@/pipeline/data-tests';
import { sandbox, type Sandbox } from '../support/pipeline';

const HEADER =
  'service_request_id,requested_datetime,updated_datetime,closed_date,status_description,service_name,service_subtype,agency_responsible,source,supervisor_district,lat,long';
/** North Beach (district 3) and the Mission (district 9). */
const PLACES = [
  { district: '3', lat: 37.7986, long: -122.4076 },
  { district: '9', lat: 37.7599, long: -122.4148 },
];
const TYPES = ['Street and Sidewalk Cleaning', 'Graffiti'];
const PER_MONTH = 20;

function generate(spike: number): string[] {
  const lines: string[] = [];
  let id = 1;
  // 2023-01 .. 2025-01 flat, 2025-02 the tested month, a few rows into 2025-03 (incomplete).
  for (let m = 0; m < 27; m++) {
    const year = 2023 + Math.floor(m / 12);
    const month = String((m % 12) + 1).padStart(2, '0');
    for (const place of PLACES) {
      for (const type of TYPES) {
        const planted = m === 25 && place.district === '3' && type === TYPES[0] ? spike : 0;
        const n = m === 26 ? 1 : PER_MONTH + planted;
        for (let i = 0; i < n; i++) {
          const day = String(1 + (i % 27)).padStart(2, '0');
          const at = `${year}-${month}-${day}T10:00:00.000`;
          lines.push(
            `${id++},${at},${at},,Open,${type},Other,DPW,Phone,${place.district},${place.lat},${place.long}`,
          );
        }
      }
    }
  }
  return lines;
}

describe('mart_anomaly on a generated sample', () => {
  let box: Sandbox;
  afterEach(() => box.cleanup());

  async function build(spike: number) {
    box = sandbox(['san-francisco']);
    const file = path.join(box.dir, 'generated.csv');
    writeFileSync(file, [HEADER, ...generate(spike)].join('\n') + '\n');
    await box.run({ source: 'file', filePath: file });
    return box.query<{
      level: string;
      area_key: string;
      dimension: string;
      value: string;
      observed: number;
      expected: number;
      p_value: number;
      flagged: boolean;
      month: string;
    }>(
      `select level, area_key, dimension, value, observed, expected, p_value, flagged,
         cast(month as varchar) as month from mart_anomaly order by level, area_key, dimension, value`,
    );
  }

  it('finds the planted spike, only where it was planted', async () => {
    const rows = await build(40);
    expect(rows.length).toBeGreaterThan(0);
    expect(new Set(rows.map((r) => r.month))).toEqual(new Set(['2025-02-01']));
    const flagged = rows.filter((r) => r.flagged);
    const district = flagged.filter((r) => r.level === 'district');
    // In the districts: only district 3, only that type (and the category holding it).
    expect(new Set(district.map((r) => r.area_key))).toEqual(new Set(['3']));
    expect(district.filter((r) => r.dimension === 'type').map((r) => r.value)).toEqual([
      'Street and Sidewalk Cleaning',
    ]);
    const spike = district.find((r) => r.dimension === 'type')!;
    expect(spike).toMatchObject({
      area_key: '3',
      value: 'Street and Sidewalk Cleaning',
      observed: 60,
    });
    // Flat history: February 2024 (a full year before it) gives a seasonal factor of 1.
    expect(spike.expected).toBeCloseTo(20, 10);
    expect(spike.p_value).toBeLessThan(1e-6);
    // Nothing is flagged for the other type, or in the other district, at any level.
    for (const r of flagged) {
      expect(r.value === 'Graffiti').toBe(false);
      expect(r.level === 'district' && r.area_key === '9').toBe(false);
    }
    // The city as a whole: 80 against the usual 40 for that type.
    expect(flagged.find((r) => r.level === '_city' && r.dimension === 'type')).toMatchObject({
      value: 'Street and Sidewalk Cleaning',
      observed: 80,
    });

    const db = await openDuckDb(box.warehouse, { readOnly: true });
    try {
      const answer = await getAnomalies(db, {
        city: 'san-francisco',
        level: 'district',
        limit: 10,
      });
      expect(answer.month).toBe('2025-02-01');
      expect(answer.tests).toBe(rows.filter((r) => r.level === 'district').length);
      expect(answer.flags[0]).toMatchObject({
        areaKey: '3',
        value: 'Street and Sidewalk Cleaning',
        observed: 60,
      });
      expect(answer.flags[0]!.areaName).toMatch(/3/);
      expect(answer.flags[0]!.ratio).toBeCloseTo(3, 10);
      const typeOnly = await getAnomalies(db, {
        city: 'san-francisco',
        level: 'district',
        dimension: 'category',
        limit: 10,
      });
      expect(typeOnly.flags.every((f) => f.dimension === 'category')).toBe(true);
    } finally {
      await db.close();
    }
  });

  it('the data tests catch a mart_anomaly count that is not the facts, or a test left without a p-value', async () => {
    await build(40);
    const db = await openDuckDb(box.warehouse);
    try {
      expect(await runDataTests(db, ['san-francisco'])).toBeGreaterThan(0);
      await db.run(
        `update mart_anomaly set observed = observed + 1 where level = '_city' and dimension = 'type'`,
      );
      await expect(runDataTests(db, ['san-francisco'])).rejects.toThrow(
        /mart_anomaly has 2 city-wide counts that differ from the facts/,
      );
      await db.run(
        `update mart_anomaly set observed = observed - 1 where level = '_city' and dimension = 'type'`,
      );
      await db.run(`update mart_anomaly set p_value = null where level = 'district'`);
      await expect(runDataTests(db, ['san-francisco'])).rejects.toThrow(
        /mart_anomaly has \d+ rows without a valid p-value/,
      );
    } finally {
      await db.close();
    }
  });

  it('finds nothing in the flat series', async () => {
    const rows = await build(0);
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.filter((r) => r.flagged)).toEqual([]);
    expect(rows.every((r) => r.p_value > 0.3)).toBe(true);
  });
});
