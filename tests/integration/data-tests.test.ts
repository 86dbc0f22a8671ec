/** The post-build data tests catch a broken mart before it is published. */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDuckDb } from '@/lib/warehouse/duckdb/connection';
import { DataTestError, runDataTests } from '@/pipeline/data-tests';
import { sandbox, type Sandbox } from '../support/pipeline';

describe('runDataTests', () => {
  let box: Sandbox;
  beforeAll(async () => {
    box = sandbox(['boston']);
    await box.run();
  });
  afterAll(() => box.cleanup());

  it('passes on a built warehouse and fails naming the table on a duplicated grain or a lost row', async () => {
    const db = await openDuckDb(box.warehouse);
    try {
      expect(await runDataTests(db, ['boston'])).toBeGreaterThan(0);
      await db.run(
        `insert into mart_area_month select * from mart_area_month where city = 'boston' and level = '_city' limit 1`,
      );
      await expect(runDataTests(db, ['boston'])).rejects.toThrow(DataTestError);
      await expect(runDataTests(db, ['boston'])).rejects.toThrow(
        /boston\/mart_area_month: 1 duplicated grain keys[\s\S]*opened \d+ ≠ 100 requests/,
      );
      // Scoped to the months a run changed: the corrupted month is caught, another is not read.
      const scope = (month: string) => new Map([['boston', [month]]]);
      await expect(runDataTests(db, ['boston'], scope('2022-01-01'))).rejects.toThrow(
        /boston\/mart_area_month: 1 duplicated grain keys[\s\S]*opened \d+ ≠ 100 requests/,
      );
      expect(await runDataTests(db, ['boston'], scope('2021-12-01'))).toBeGreaterThan(0);
    } finally {
      await db.close();
    }
  });

  it('fails naming a category outside the taxonomy and a channel outside the vocabulary', async () => {
    const db = await openDuckDb(box.warehouse);
    try {
      await db.run(
        `update fact_requests set category = 'Pothole', channel = 'Unknown'
         where city = 'boston' and request_id = (select min(request_id) from fact_requests)`,
      );
      await expect(runDataTests(db, ['boston'])).rejects.toThrow(
        /boston: categories outside the taxonomy: Pothole[\s\S]*boston: channels outside the vocabulary: Unknown/,
      );
    } finally {
      await db.close();
    }
  });
  it('fails naming each invariant: null grain, duplicated pattern, resolution sums, located rows, unknown areas', async () => {
    const db = await openDuckDb(box.warehouse);
    try {
      // An older warehouse's column could be null: the check must still see it.
      await db.run('alter table mart_patterns alter column hour drop not null');
      await db.run(
        `update mart_patterns set hour = null where rowid = (select min(rowid) from mart_patterns where city = 'boston')`,
      );
      await db.run(
        `insert into mart_patterns select * from mart_patterns
         where rowid = (select max(rowid) from mart_patterns where city = 'boston')`,
      );
      await db.run(
        `delete from mart_resolution_hist where rowid = (select min(rowid) from mart_resolution_hist
         where city = 'boston' and level = '_city' and n > 0)`,
      );
      await db.run(
        `insert into fact_request_area select city, request_id, level, 'no-such-area'
         from fact_request_area where city = 'boston' limit 1`,
      );
      const expected = new RegExp(
        [
          'boston/mart_patterns: 1 duplicated grain keys',
          'boston/mart_patterns: 1 rows with a null grain column',
          'boston/fact_request_area: 1 duplicated grain keys',
          'boston: mart_area_month area rows \\d+ ≠ \\d+ located requests',
          'boston: mart_resolution_hist \\d+ ≠ \\d+ resolved requests',
          'boston: 1 area assignments name no known area',
        ].join('[\\s\\S]*'),
      );
      await expect(runDataTests(db, ['boston'])).rejects.toThrow(expected);
      // The faults are all in January 2022: caught in its scope, not read in another month's.
      const scope = (month: string) => new Map([['boston', [month]]]);
      await expect(runDataTests(db, ['boston'], scope('2022-01-01'))).rejects.toThrow(expected);
      expect(await runDataTests(db, ['boston'], scope('2021-12-01'))).toBeGreaterThan(0);
    } finally {
      await db.close();
    }
  });
});

describe('data tests in an increment', () => {
  const HEADER =
    'service_request_id,requested_datetime,updated_datetime,closed_date,status_description,service_name,service_subtype,agency_responsible,source,supervisor_district,lat,long';
  const line = (id: string, opened: string) =>
    `${id},${opened},${opened},,Open,Street and Sidewalk Cleaning,Bulky Items,Recology_Abandoned,Phone,3,37.7986,-122.4076`;
  let box: Sandbox;
  beforeAll(() => {
    box = sandbox(['san-francisco']);
  });
  afterAll(() => box.cleanup());
  const load = (name: string, ids: [string, string][]) => {
    const filePath = path.join(box.dir, name);
    writeFileSync(
      filePath,
      [HEADER, ...ids.map(([id, opened]) => line(id, opened))].join('\n') + '\n',
    );
    return box.run({ source: 'file', filePath });
  };
  const plant = async (requestId: string, category: string) => {
    const db = await openDuckDb(box.warehouse);
    try {
      await db.run(
        `update fact_requests set category = ? where city = 'san-francisco' and request_id = ?`,
        [category, requestId],
      );
    } finally {
      await db.close();
    }
  };

  it('checks only the months the increment touched, and catches a fault planted in one of them', async () => {
    await load('base.csv', [
      ['100', '2024-01-10T09:00:00.000'],
      ['200', '2024-02-10T09:00:00.000'],
      ['300', '2024-03-10T09:00:00.000'],
    ]);
    // A fault in January, which the March increment does not touch: not read, the run publishes.
    await plant('100', 'Pothole');
    const march = await load('march.csv', [['400', '2024-03-11T09:00:00.000']]);
    expect(march.cities[0]).toMatchObject({ rowsLoaded: 1, monthsRebuilt: 1 });
    expect(march.steps.find((s) => s.step === 'data tests')).toBeTruthy();
    // A fault in March, which the next increment touches: caught, named, and the run fails.
    await plant('300', 'Graffito');
    const error = (await load('march-again.csv', [['500', '2024-03-12T09:00:00.000']]).catch(
      (e: unknown) => e,
    )) as Error;
    expect(error.cause).toBeInstanceOf(DataTestError);
    expect(error.message).toMatch(/san-francisco: categories outside the taxonomy: Graffito/);
    expect(error.message).not.toMatch(/Pothole/);
    // In a month scope, a problem's first request is still found outside it: 300 now names 200
    // (February, a valid earlier request of its type, though 300 is marked first: inconsistent),
    // and 400 names no request at all.
    const db = await openDuckDb(box.warehouse);
    try {
      await db.run(
        `update fact_requests set problem_id = '200' where city = 'san-francisco' and request_id = '300'`,
      );
      await db.run(
        `update fact_requests set problem_id = 'nowhere' where city = 'san-francisco' and request_id = '400'`,
      );
      const months = (month: string) => new Map([['san-francisco', [month]]]);
      await expect(runDataTests(db, ['san-francisco'], months('2024-03-01'))).rejects.toThrow(
        /san-francisco: 1 requests without a consistent problem_id\n {2}san-francisco: 1 requests whose problem_id is no earlier request of their type/,
      );
      expect(await runDataTests(db, ['san-francisco'], months('2024-02-01'))).toBeGreaterThan(0);
    } finally {
      await db.close();
    }
  });
});
