/**
 * A read-only file's connections keep the statements they prepared (connection.ts): the same
 * SQL text with other parameters must give each caller its own answer, however many run at
 * once, across parameter types and after old statements are dropped.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDuckDb, type DuckDbWarehouse } from '@/lib/warehouse/duckdb/connection';

const file = path.join(mkdtempSync(path.join(tmpdir(), 'atlas311-prepared-')), 'w.duckdb');
let reader: DuckDbWarehouse;

beforeAll(async () => {
  const writer = await openDuckDb(file);
  await writer.run('create table t as select range as n, range * 10 as tenfold from range(5000)');
  await writer.close();
  reader = await openDuckDb(file, { readOnly: true, connections: 2, threads: 1 });
});
afterAll(() => reader.close());

describe('prepared statements on a read-only file', () => {
  it('answers each of many concurrent calls of one statement with its own parameters', async () => {
    const sql = 'select sum(tenfold) as total, ? as tag from t where n < ?';
    const answers = await Promise.all(
      Array.from({ length: 300 }, (_, i) =>
        reader.query<{ total: number; tag: string }>(sql, [`call ${i}`, i + 1]),
      ),
    );
    answers.forEach((rows, i) => {
      // sum of 10·n for n < i + 1
      expect(rows).toEqual([{ total: 5 * i * (i + 1), tag: `call ${i}` }]);
    });
  });

  it('rebinds when a parameter changes type', async () => {
    const sql = 'select cast(? as varchar) as v';
    expect(await reader.query(sql, [7])).toEqual([{ v: '7' }]);
    expect(await reader.query(sql, ['seven'])).toEqual([{ v: 'seven' }]);
    expect(await reader.query(sql, [7.5])).toEqual([{ v: '7.5' }]);
  });

  it('still answers right once more statements were used than each connection keeps', async () => {
    const texts = Array.from(
      { length: 600 },
      (_, i) => `select count(*) + ${i} as c from t where n < ?`,
    );
    for (const [i, sql] of texts.entries()) {
      expect(await reader.query(sql, [i])).toEqual([{ c: i + i }]);
    }
    // The first ones were dropped and are prepared again.
    expect(await reader.query(texts[0]!, [10])).toEqual([{ c: 10 }]);
  });

  it('names a bad statement and keeps answering the next one', async () => {
    await expect(reader.query('select nope from t where n < ?', [1])).rejects.toThrow(
      /no such table or column|could not run/i,
    );
    expect(await reader.query('select count(*) as c from t where n < ?', [3])).toEqual([{ c: 3 }]);
  });
});
