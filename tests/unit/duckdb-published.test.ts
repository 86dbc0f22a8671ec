/** The web server's view of the warehouse: read-only, switching to a newly published file. */
import { mkdtempSync, renameSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDuckDb, openPublishedDuckDb } from '@/lib/warehouse/duckdb/connection';
import { WarehouseError } from '@/lib/warehouse/types';

const dir = mkdtempSync(path.join(tmpdir(), 'atlas311-published-'));
const published = path.join(dir, 'warehouse.duckdb');

async function publish(value: number, name: string) {
  const build = path.join(dir, name);
  const db = await openDuckDb(build);
  await db.run('create table answer as select ?::integer as value, 12345678901::bigint as big', [
    value,
  ]);
  await db.close();
  renameSync(build, published);
}

describe('openPublishedDuckDb', () => {
  const warehouse = openPublishedDuckDb(published);
  afterAll(() => warehouse.close());

  it('says how to create a missing warehouse', async () => {
    await expect(warehouse.query('select 1')).rejects.toThrow(WarehouseError);
    await expect(warehouse.query('select 1')).rejects.toThrow(/run `npm run pipeline` first/);
  });

  it('returns plain JSON values and binds parameters', async () => {
    await publish(1, 'build-1.duckdb');
    const rows = await warehouse.query('select value, big, ? as p from answer', ['x']);
    expect(rows).toEqual([{ value: 1, big: 12345678901, p: 'x' }]);
  });

  it('serves a newly renamed file without a restart and without a failed query', async () => {
    const seen = new Set<number>();
    let failures = 0;
    let stop = false;
    const readers = Array.from({ length: 4 }, async () => {
      while (!stop) {
        try {
          const [row] = await warehouse.query<{ value: number }>('select value from answer');
          if (row) seen.add(row.value);
        } catch {
          failures += 1;
        }
        // Cached answers resolve at once: yield to timers so the test can move on.
        await new Promise((resolve) => setImmediate(resolve));
      }
    });
    await new Promise((resolve) => setTimeout(resolve, 100));
    await publish(2, 'build-2.duckdb');
    await expect
      .poll(
        async () =>
          (await warehouse.query<{ value: number }>('select value from answer'))[0]?.value,
        {
          timeout: 5000,
        },
      )
      .toBe(2);
    stop = true;
    await Promise.all(readers);
    expect(failures).toBe(0);
    expect([...seen].sort()).toEqual([1, 2]);
  });

  it('caches answers per file, and callers cannot corrupt the cache', async () => {
    const first = await warehouse.query<{ value: number }>('select value from answer');
    first[0]!.value = 99;
    const second = await warehouse.query<{ value: number }>('select value from answer');
    expect(second[0]?.value).toBe(2);
  });
});
