/** The post-build data tests catch a broken mart before it is published. */
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
});
