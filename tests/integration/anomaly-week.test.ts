/**
 * Unusual this week against a built warehouse: a generated San Francisco file with the same
 * requests every day for two years (two places, two types), ending on a Sunday, then a spike
 * planted in that last complete week for one type in one district. mart_anomaly's week rows
 * must flag exactly that type (and its category) there, the month rows nothing (the spike is
 * after the last complete month), and the flat version nothing at all; GET /api/anomalies'
 * query returns both periods. A sample with requests on a few days a month gets no weeks.
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
const PLACES = [
  { district: '3', lat: 37.7986, long: -122.4076 },
  { district: '9', lat: 37.7599, long: -122.4148 },
];
const TYPES = ['Street and Sidewalk Cleaning', 'Graffiti'];
const PER_DAY = 3;
/** Monday 2023-01-02 to Sunday 2025-02-09: the last week (from 2025-02-03) is complete. */
const FIRST = Date.UTC(2023, 0, 2);
const LAST = Date.UTC(2025, 1, 9);
const SPIKE_FROM = Date.UTC(2025, 1, 3);

function generate(spikePerDay: number, everyDays = 1): string[] {
  const lines: string[] = [];
  let id = 1;
  for (let t = FIRST; t <= LAST; t += everyDays * 86_400_000) {
    const day = new Date(t).toISOString().slice(0, 10);
    for (const place of PLACES) {
      for (const type of TYPES) {
        const planted = t >= SPIKE_FROM && place.district === '3' && type === TYPES[0];
        const n = PER_DAY + (planted ? spikePerDay : 0);
        for (let i = 0; i < n; i++) {
          const at = `${day}T${String(8 + i).padStart(2, '0')}:00:00.000`;
          lines.push(
            `${id++},${at},${at},,Open,${type},Other,DPW,Phone,${place.district},${place.lat},${place.long}`,
          );
        }
      }
    }
  }
  return lines;
}

type AnomalyRow = {
  level: string;
  area_key: string;
  dimension: string;
  value: string;
  period: string;
  month: string;
  observed: number;
  expected: number;
  p_value: number;
  flagged: boolean;
};

describe('weekly anomalies on a generated daily sample', () => {
  let box: Sandbox;
  afterEach(() => box.cleanup());

  async function build(spikePerDay: number, everyDays = 1) {
    box = sandbox(['san-francisco']);
    const file = path.join(box.dir, 'generated.csv');
    writeFileSync(file, [HEADER, ...generate(spikePerDay, everyDays)].join('\n') + '\n');
    await box.run({ source: 'file', filePath: file });
    return box.query<AnomalyRow>(
      `select level, area_key, dimension, value, period, cast(month as varchar) as month,
         observed, expected, p_value, flagged
       from mart_anomaly order by period, level, area_key, dimension, value`,
    );
  }

  it('finds the spike planted in the last complete week, only there', async () => {
    const rows = await build(5);
    const weeks = rows.filter((r) => r.period === 'week');
    const months = rows.filter((r) => r.period === 'month');
    expect(weeks.length).toBeGreaterThan(0);
    expect(new Set(weeks.map((r) => r.month))).toEqual(new Set(['2025-02-03']));
    expect(new Set(months.map((r) => r.month))).toEqual(new Set(['2025-01-01']));
    expect(months.filter((r) => r.flagged)).toEqual([]);

    const flagged = weeks.filter((r) => r.flagged);
    const district = flagged.filter((r) => r.level === 'district');
    expect(new Set(district.map((r) => r.area_key))).toEqual(new Set(['3']));
    const spike = district.find((r) => r.dimension === 'type')!;
    // 3 + 5 a day for 7 days against the usual 21 a week (flat: seasonal factor 1).
    expect(spike).toMatchObject({ value: TYPES[0], observed: 56 });
    expect(spike.expected).toBeCloseTo(21, 10);
    expect(spike.p_value).toBeLessThan(1e-6);
    for (const r of flagged) {
      expect(r.value === 'Graffiti').toBe(false);
      expect(r.level === 'district' && r.area_key === '9').toBe(false);
    }

    const db = await openDuckDb(box.warehouse, { readOnly: true });
    try {
      expect(await runDataTests(db, ['san-francisco'])).toBeGreaterThan(0);
      const answer = await getAnomalies(db, {
        city: 'san-francisco',
        level: 'district',
        limit: 10,
      });
      expect(answer.month).toBe('2025-01-01');
      expect(answer.week).toBe('2025-02-03');
      expect(answer.tests).toBe(rows.filter((r) => r.level === 'district').length);
      expect(answer.flags[0]).toMatchObject({
        areaKey: '3',
        value: TYPES[0],
        observed: 56,
        period: 'week',
        periodStart: '2025-02-03',
      });
    } finally {
      await db.close();
    }
  });

  it('finds nothing in the flat daily series', async () => {
    const rows = await build(0);
    expect(rows.some((r) => r.period === 'week')).toBe(true);
    expect(rows.filter((r) => r.flagged)).toEqual([]);
  });

  it('tests no week where the data is not daily', async () => {
    // Requests on one day in ten: months can be tested, weeks cannot.
    const rows = await build(0, 10);
    expect(rows.some((r) => r.period === 'month')).toBe(true);
    expect(rows.filter((r) => r.period === 'week')).toEqual([]);
  });
});
