/**
 * A warehouse built by other mart models (an older release without a mart, or changed mart SQL)
 * gets every month of the city rebuilt on its next run, even a run with nothing new to load; a
 * warehouse built by these models rebuilds only the months a run touches.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDuckDb } from '@/lib/warehouse/duckdb/connection';
import { MARTS, martModelsVersion } from '@/pipeline/stages/marts';
import { sandbox, type Sandbox } from '../support/pipeline';

const TABLES = MARTS.map((m) => m.table);

async function counts(box: Sandbox): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const table of TABLES) {
    const [row] = await box.query<{ n: number }>(
      `select count(*)::integer as n from ${table} where city = 'boston'`,
    );
    out[table] = row?.n ?? -1;
  }
  return out;
}

async function write(box: Sandbox, statements: string[]): Promise<void> {
  const db = await openDuckDb(box.warehouse);
  try {
    for (const statement of statements) await db.run(statement);
  } finally {
    await db.close();
  }
}

describe('mart models fingerprint', () => {
  let box: Sandbox;
  let built: Record<string, number>;

  beforeAll(async () => {
    box = sandbox(['boston']);
    await box.run();
    built = await counts(box);
  }, 120_000);
  afterAll(() => box.cleanup());

  it('records the models the marts were built with', async () => {
    for (const table of TABLES) expect(built[table], table).toBeGreaterThan(0);
    const rows = await box.query<{ version: string }>(
      `select version from mart_models where city = 'boston'`,
    );
    expect(rows).toEqual([{ version: martModelsVersion() }]);
  });

  it('leaves the marts alone on a run with nothing new when the models are the same', async () => {
    await write(box, [`delete from mart_area_month_total where city = 'boston'`]);
    await box.run();
    expect((await counts(box)).mart_area_month_total).toBe(0);
  }, 120_000);

  it('rebuilds every month when the warehouse was built by other models', async () => {
    await write(box, [
      `delete from mart_area_month_total where city = 'boston'`,
      `delete from mart_patterns where city = 'boston'`,
      `update mart_models set version = 'an older release' where city = 'boston'`,
    ]);
    await box.run();
    expect(await counts(box)).toEqual(built);
    const rows = await box.query<{ version: string }>(
      `select version from mart_models where city = 'boston'`,
    );
    expect(rows).toEqual([{ version: martModelsVersion() }]);
  }, 120_000);
});
