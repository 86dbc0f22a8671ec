/**
 * Toronto's unquoted rows, through the generated staging SQL on a real in-memory DuckDB:
 * a Division with a comma is repaired, never skipped; anything unrepairable is kept for
 * quarantine with its raw line.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDuckDb, type DuckDbWarehouse } from '@/lib/warehouse/duckdb/connection';
import { readCsvHeader } from '@/pipeline/layouts';
import { rawLoadSql, stagingSql } from '@/pipeline/staging';
import { city } from '../support/pipeline';

const HEADER =
  'Creation Date,Status,First 3 Chars of Postal Code,Intersection Street 1,Intersection Street 2,Ward,Service Request Type,Division,Section';

const LINES = [
  '2024-03-05 14:22:31.0000000,Completed,M6N,,,Davenport (09),Sidewalk - Snow Clearing,Transportation Services,Road Operations',
  '2024-06-01 08:00:00.0000000,In Progress,M4C,,,Beaches-East York (19),General Pruning,Parks, Forestry & Recreation,Forestry Operations',
  '2024-06-02 09:00:00.0000000,New,Int,Queen St W,Bathurst St,Spadina-Fort York (10),Litter / Bin / Reinstall, Replace Missing,Solid Waste Management Services,Transfer, Disposal & Operations',
  '2024-06-03 10:00:00.0000000,New,M5V,,,Spadina-Fort York (10),Odd,One,Two,Three,Four',
  // The known Division, spaced differently: mended into the known name.
  '2024-06-04 11:00:00.0000000,New,M4C,,,Beaches-East York (19),General Pruning,Parks,Forestry & Recreation,Forestry Operations',
  // One field too many, but the Division and the next field are no known name: quarantined.
  '2024-06-05 12:00:00.0000000,New,M4C,,,Beaches-East York (19),Pothole,Transportation Services,Road Operations,Extra',
];

describe('Toronto unquoted-comma repair', () => {
  let db: DuckDbWarehouse;
  let rows: Record<string, unknown>[];

  beforeAll(async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'atlas311-repair-'));
    const file = path.join(dir, 'sample.csv');
    writeFileSync(file, [HEADER, ...LINES].join('\n') + '\n');
    const toronto = city('toronto');
    const layout = toronto.layouts.find((l) => l.id === 'customer-initiated')!;
    const header = await readCsvHeader(file);
    db = await openDuckDb(':memory:');
    await db.run(rawLoadSql(file, layout, header));
    await db.run(stagingSql(toronto, layout, 'sample', 'sample.csv', header));
    rows = await db.query(
      `select s.line, s.fields_ok, s.division, s.section, s.type, s.area__ward as ward,
         s.area__fsa as fsa, strftime(s.opened, '%Y-%m-%d %H:%M:%S') as opened, s.status_closed,
         r._raw_line as raw
       from stg_batch s join raw_batch r on r._line = s.line order by s.line`,
    );
  });
  afterAll(() => db.close());

  it('reads a normal nine-field row', () => {
    expect(rows[0]).toMatchObject({
      fields_ok: true,
      division: 'Transportation Services',
      section: 'Road Operations',
      ward: '9',
      fsa: 'M6N',
      opened: '2024-03-05 14:22:31',
      status_closed: true,
    });
  });

  it('rejoins a Division split by its comma (ten fields)', () => {
    expect(rows[1]).toMatchObject({
      fields_ok: true,
      type: 'General Pruning',
      division: 'Parks, Forestry & Recreation',
      section: 'Forestry Operations',
      ward: '19',
      status_closed: false,
    });
  });

  it('protects known comma values in the type and the section too', () => {
    expect(rows[2]).toMatchObject({
      fields_ok: true,
      type: 'Litter / Bin / Reinstall, Replace Missing',
      division: 'Solid Waste Management Services',
      section: 'Transfer, Disposal & Operations',
      fsa: 'Int',
    });
  });

  it('keeps an unrepairable row, flagged, with its raw line for the quarantine', () => {
    expect(rows).toHaveLength(6);
    expect(rows[3]).toMatchObject({ fields_ok: false, raw: LINES[3] });
  });

  it('mends a ten-field row only when Division and the next field join into a known Division', () => {
    expect(rows[4]).toMatchObject({
      fields_ok: true,
      division: 'Parks, Forestry & Recreation',
      section: 'Forestry Operations',
    });
    expect(rows[5]).toMatchObject({ fields_ok: false, division: null, raw: LINES[5] });
  });
});

describe('Toronto lines with undecodable bytes', () => {
  it('are rejected one by one into raw_rejects; the other lines load', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'atlas311-repair-enc-'));
    const file = path.join(dir, 'latin1-line.csv');
    writeFileSync(
      file,
      Buffer.concat([
        Buffer.from([HEADER, LINES[0], ''].join('\n')),
        Buffer.from('2024-06-07 10:00:00.0000000,New,M5V,Caf', 'utf8'),
        Buffer.from([0xe9]),
        Buffer.from(',,Spadina-Fort York (10),Pothole,Transportation Services,Road Operations\n'),
        Buffer.from(`${LINES[1]}\n`),
      ]),
    );
    const toronto = city('toronto');
    const layout = toronto.layouts.find((l) => l.id === 'customer-initiated')!;
    const db = await openDuckDb(':memory:');
    try {
      await db.run(rawLoadSql(file, layout, await readCsvHeader(file)));
      const rows = await db.query<{ n: number }>('select count(*) as n from raw_batch');
      const rejects = await db.query<{ line: number; reason: string; raw: string }>(
        'select line, reason, raw from raw_rejects',
      );
      expect(rows[0]?.n).toBe(2);
      expect(rejects.map((r) => [r.line, r.reason])).toEqual([[3, 'csv_invalid_encoding']]);
      expect(rejects[0]?.raw).toMatch(/^2024-06-07 .*Caf\?.*Spadina-Fort York \(10\),Pothole/);
    } finally {
      await db.close();
    }
  });
});
