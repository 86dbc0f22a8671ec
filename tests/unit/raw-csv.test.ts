/**
 * The quoted-CSV reader (`loadQuotedCsv`) on a real in-memory DuckDB: an unterminated quote in a
 * file with no other quotes would swallow the rest of the file into one rejected value; the
 * reader quarantines the bad line alone and reads on.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDuckDb, type DuckDbWarehouse } from '@/lib/warehouse/duckdb/connection';
import { readCsvHeader } from '@/pipeline/layouts';
import { loadQuotedCsv } from '@/pipeline/staging';

let db: DuckDbWarehouse;
let dir: string;
beforeEach(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'atlas311-rawcsv-'));
  db = await openDuckDb(':memory:');
});
afterEach(() => db.close());

async function read(name: string, text: string | Buffer) {
  const file = path.join(dir, name);
  writeFileSync(file, text);
  await loadQuotedCsv(db, file, await readCsvHeader(file), dir);
  const rows = await db.query<{ _line: number; id: string; b: string }>(
    'select _line, id, b from raw_batch order by _line',
  );
  const rejects = await db.query<{ line: number; reason: string; raw: string }>(
    'select line, reason, raw from raw_rejects order by line',
  );
  return { rows, rejects };
}

describe('loadQuotedCsv', () => {
  it('reads past an unterminated quote in a file without other quotes', async () => {
    const lines = Array.from({ length: 3000 }, (_, i) => `${i},b${i},c`);
    lines.splice(10, 0, '"open,x,y');
    const { rows, rejects } = await read('open.csv', ['id,b,c', ...lines].join('\n') + '\n');
    expect(rows).toHaveLength(3000);
    expect(rows.at(-1)).toMatchObject({ id: '2999', b: 'b2999' });
    expect(rejects).toEqual([{ line: 12, reason: 'csv_unterminated_quote', raw: '"open,x,y' }]);
  });

  it('keeps quoted commas, doubled quotes and line breaks inside quotes', async () => {
    const { rows, rejects } = await read(
      'quoted.csv',
      'id,b,c\r\n1,"a, b",x\r\n2,"say ""hi""",x\r\n3,"two\nlines",x\r\n',
    );
    expect(rows.map((r) => r.b)).toEqual(['a, b', 'say "hi"', 'two\nlines']);
    expect(rejects).toEqual([]);
  });

  it('quarantines several unterminated quotes, each alone, and an open quote at the end', async () => {
    const lines = ['1,a,c', '"2,b,c', '3,c,c', '4,"d,c', '5,e,c', '6,"f'];
    const { rows, rejects } = await read('many.csv', ['id,b,c', ...lines].join('\n'));
    expect(rows.map((r) => r.id)).toEqual(['1', '3', '5']);
    expect(rejects.map((r) => [r.reason, r.raw])).toEqual([
      ['csv_unterminated_quote', '"2,b,c'],
      ['csv_unterminated_quote', '4,"d,c'],
      ['csv_unterminated_quote', '6,"f'],
    ]);
  });
});
