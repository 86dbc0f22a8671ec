/**
 * The marts (and the two fact tables they are built from) of the bundled warehouse, built by the
 * real pipeline from every city's sample, hashed row by row in grain order against a golden
 * file. The golden was captured before the pipeline was restructured into SQL stages, so this
 * test is the proof that the restructure left every number as it was.
 *
 * Rewrite the golden only on purpose: `npm run golden:marts` (UPDATE_GOLDEN=1).
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ALL_CITIES } from '../support/app-warehouse';
import { ROOT, sandbox, type Sandbox } from '../support/pipeline';

const GOLDEN = path.join(ROOT, 'tests/fixtures/golden/marts-fingerprint.json');

/**
 * Per table: its grain (the order rows are hashed in) and the columns left out because they
 * name the run, not the data.
 */
const TABLES: Record<string, { grain: string[]; skip: string[] }> = {
  fact_requests: { grain: ['city', 'request_id'], skip: ['run_id'] },
  fact_request_area: { grain: ['city', 'request_id', 'level'], skip: [] },
  mart_area_month: {
    grain: [
      'city',
      'level',
      'area_key',
      'month',
      'type',
      'category',
      'channel',
      'division',
      'status_group',
      'is_problem_first',
    ],
    skip: [],
  },
  mart_resolution_hist: {
    grain: ['city', 'level', 'area_key', 'month', 'type', 'category', 'bucket', 'is_problem_first'],
    skip: [],
  },
  mart_anomaly: {
    grain: ['city', 'level', 'area_key', 'dimension', 'value', 'period'],
    skip: [],
  },
};

/**
 * res_hours_sum is a double summed over a group whose rows DuckDB visits in an order that
 * depends on threads and on how the input was split; two correct builds can differ in its last
 * binary digit. It is compared rounded to 1e-6 hours (3.6 ms), far below anything shown. Every
 * other double is a copied or per-row value (coordinates, one request's resolution hours) or a
 * function of integer counts (the anomaly figures) and is compared exactly.
 */
const ROUNDED: Record<string, number> = { res_hours_sum: 6 };

type Fingerprint = Record<string, { rows: number; md5: string; byCity: Record<string, number> }>;

async function fingerprintOf(box: Sandbox): Promise<Fingerprint> {
  const out: Fingerprint = {};
  for (const [table, { grain, skip }] of Object.entries(TABLES)) {
    const columns = await box.query<{ column_name: string }>(
      `select column_name from duckdb_columns() where table_name = ? order by column_index`,
      [table],
    );
    const names = columns.map((c) => c.column_name).filter((c) => !skip.includes(c));
    expect(names.length).toBeGreaterThan(grain.length);
    const cells = names.map((c) => {
      const value = c in ROUNDED ? `round("${c}", ${ROUNDED[c]})` : `"${c}"`;
      return `coalesce(cast(${value} as varchar), '\\N')`;
    });
    const [row] = await box.query<{ n: number; h: string }>(
      `select count(*) as n,
              md5(coalesce(string_agg(k, chr(10) order by ${grain.map((_, i) => `g${i}`).join(', ')}), '')) as h
       from (select concat_ws('|', ${cells.join(', ')}) as k,
                    ${grain.map((c, i) => `"${c}" as g${i}`).join(', ')}
             from ${table})`,
    );
    const cities = await box.query<{ city: string; n: number }>(
      `select city, count(*) as n from ${table} group by city order by city`,
    );
    out[table] = {
      rows: Number(row!.n),
      md5: row!.h,
      byCity: Object.fromEntries(cities.map((c) => [c.city, Number(c.n)])),
    };
  }
  return out;
}

describe('mart fingerprint', () => {
  let box: Sandbox;
  beforeAll(async () => {
    box = sandbox([...ALL_CITIES]);
    await box.run();
    // Five cities: on a loaded shared machine this takes minutes, not the default two.
  }, 600_000);
  afterAll(() => box?.cleanup());

  it('every mart and fact table is identical, row for row, to the golden', async () => {
    const actual = await fingerprintOf(box);
    // The hash sees every row: a grain that is not unique would make the order ambiguous.
    for (const [table, { grain }] of Object.entries(TABLES)) {
      const [dupes] = await box.query<{ n: number }>(
        `select count(*) as n from (select 1 from ${table} group by ${grain.map((c) => `"${c}"`).join(', ')} having count(*) > 1)`,
      );
      expect(Number(dupes!.n), `${table} grain is unique`).toBe(0);
      expect(actual[table]!.rows, `${table} has rows`).toBeGreaterThan(0);
    }
    if (process.env.UPDATE_GOLDEN === '1' || !existsSync(GOLDEN)) {
      if (process.env.UPDATE_GOLDEN !== '1') throw new Error(`no golden at ${GOLDEN}`);
      writeFileSync(GOLDEN, `${JSON.stringify(actual, null, 2)}\n`);
    }
    expect(actual).toEqual(JSON.parse(readFileSync(GOLDEN, 'utf8')));
  });
});
