/**
 * A bad line costs one row, not a file: every CSV layout with a real sample, through the real
 * pipeline, once clean and once with malformed lines mixed in (too many fields, too few, an
 * unterminated quote, undecodable bytes, a truncated last line). The dirty run loads exactly what
 * the clean run loads and quarantines each bad line with its reason and raw text.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, describe, expect, it } from 'vitest';
import { city, ROOT, sandbox, type Sandbox } from '../support/pipeline';

const CASES = [
  { city: 'san-francisco', sample: 'data/samples/san-francisco/sf311-legacy-sample-5000.csv' },
  {
    city: 'san-francisco',
    sample: 'data/samples/san-francisco/sf311-2018-2019-northbeach-cleaning.csv',
  },
  { city: 'san-francisco', sample: 'data/samples/san-francisco/sf311-socrata-2023-11-28.csv' },
  { city: 'boston', sample: 'data/samples/boston/boston311-2022-01-sample-100.csv' },
  { city: 'seattle', sample: 'data/samples/seattle/nibrs-2024-2025-sample.csv' },
] as const;

/** The CSV records of a text. */
function records(text: string): string[][] {
  const rows: string[][] = parse(text);
  return rows;
}

/** Header plus up to `n` data lines that are one physical line each. */
function goodLines(sample: string, n: number): { header: string; lines: string[] } {
  const [header = '', ...rest] = readFileSync(path.join(ROOT, sample), 'utf8').split(/\r?\n/);
  const width = records(header)[0]!.length;
  const lines = rest
    .filter((line) => {
      if (!line) return false;
      try {
        const rows = records(line);
        return rows.length === 1 && rows[0]!.length === width;
      } catch {
        return false;
      }
    })
    .slice(0, n);
  return { header, lines };
}

type Run = {
  rows_read: number;
  rows_loaded: number;
  rows_quarantined: number;
  rows_superseded: number;
};

const boxes: Sandbox[] = [];
afterAll(() => boxes.forEach((b) => b.cleanup()));

async function runFile(cityId: string, name: string, body: Buffer | string) {
  const box = sandbox([cityId]);
  boxes.push(box);
  const file = path.join(box.dir, name);
  writeFileSync(file, body);
  // A generous threshold: this test counts rows, the threshold has its own test.
  await box.run({
    cities: [{ ...city(cityId), quarantineThreshold: 0.5 }],
    source: 'file',
    filePath: file,
  });
  const [run] = await box.query<Run>(
    'select rows_read, rows_loaded, rows_quarantined, rows_superseded from pipeline_runs',
  );
  return { box, run: run! };
}

describe.each(CASES)('a malformed line in $sample', ({ city: cityId, sample }) => {
  it('is quarantined with its reason and raw text; every other row loads', async () => {
    const { header, lines } = goodLines(sample, 60);
    expect(lines.length).toBeGreaterThan(40);
    const width = records(header)[0]!.length;
    const [first = '', second = '', third = ''] = lines;
    const tooMany = `${first},extra,fields`;
    const tooFew = 'only,two';
    const openQuote = `"${second.replace(/"/g, '')}`;
    const truncated = third.slice(0, Math.floor(third.length / 3));
    const clean = [header, ...lines].join('\n') + '\n';
    const dirtyText = [
      header,
      ...lines.slice(3, 20),
      tooMany,
      ...lines.slice(20, 30),
      tooFew,
      ...lines.slice(30, 35),
      openQuote,
      ...lines.slice(35, 40),
      '@@BAD@@',
      ...lines.slice(40),
      truncated,
    ].join('\n');
    // Latin-1 bytes in a UTF-8 file: one undecodable line.
    const [before, after] = dirtyText.split('@@BAD@@') as [string, string];
    const badBytes = Buffer.concat([
      Buffer.from('Caf'),
      Buffer.from([0xe9, 0xff]),
      Buffer.from(`,x`.repeat(width - 1)),
    ]);
    const dirty = Buffer.concat([Buffer.from(before), badBytes, Buffer.from(after)]);

    const cleanRun = await runFile(
      cityId,
      'clean.csv',
      [header, ...lines.slice(3)].join('\n') + '\n',
    );
    const dirtyRun = await runFile(cityId, 'dirty.csv', dirty);
    expect(clean.length).toBeGreaterThan(0);

    expect(dirtyRun.run.rows_loaded).toBe(cleanRun.run.rows_loaded);
    expect(dirtyRun.run.rows_read).toBe(cleanRun.run.rows_read + 5);
    expect(dirtyRun.run.rows_quarantined).toBe(cleanRun.run.rows_quarantined + 5);
    const { rows_read, rows_loaded, rows_quarantined, rows_superseded } = dirtyRun.run;
    expect(rows_read).toBe(rows_loaded + rows_quarantined + rows_superseded);

    const quarantined = await dirtyRun.box.query<{ reason: string; raw: string; line: number }>(
      `select reason, raw, line from quarantine where reason like 'csv_%' order by line`,
    );
    expect(quarantined.map((q) => q.reason)).toEqual([
      'csv_too_many_fields',
      'csv_too_few_fields',
      'csv_unterminated_quote',
      'csv_invalid_encoding',
      'csv_too_few_fields',
    ]);
    expect(quarantined.map((q) => q.raw)).toEqual([
      tooMany,
      tooFew,
      openQuote,
      expect.stringMatching(/^Caf.*,x,x/),
      truncated,
    ]);
    // The undecodable bytes never reach the table as they were.
    expect(quarantined[3]!.raw).not.toMatch(/[\u00e9\u00ff]/);
    const [stored] = await dirtyRun.box.query<{ n: number }>(
      `select count(*) as n from quarantine`,
    );
    expect(stored?.n).toBe(rows_quarantined);
  });
});

describe('a file whose rows are mostly bad', () => {
  it('still fails the threshold, naming the first reasons and where they are', async () => {
    const { header, lines } = goodLines(CASES[3].sample, 10);
    const box = sandbox(['boston']);
    boxes.push(box);
    const file = path.join(box.dir, 'mostly-bad.csv');
    const broken = Array.from({ length: 30 }, (_, i) => `${i},too,few`);
    writeFileSync(file, [header, ...lines, ...broken].join('\n') + '\n');
    await expect(box.run({ source: 'file', filePath: file })).rejects.toThrow(
      /30 of 40 rows quarantined[\s\S]*csv_too_few_fields \(30 rows, first: mostly-bad\.csv line 12\)/,
    );
  });
});

describe.each([
  {
    city: 'seattle',
    sample: 'data/samples/seattle/spd-incidents-2015-12-sample1000.json',
    path: null,
  },
  {
    city: 'toronto',
    sample: 'data/samples/toronto/open311-requests-2018-10.json',
    path: 'service_requests',
  },
])('a record that is no object in $sample', ({ city: cityId, sample, path: recordsPath }) => {
  it('is quarantined with its reason and raw text; every other record loads', async () => {
    const parsed = JSON.parse(readFileSync(path.join(ROOT, sample), 'utf8')) as unknown;
    const all = (
      recordsPath ? (parsed as Record<string, unknown[]>)[recordsPath] : parsed
    ) as unknown[];
    const records = all.slice(0, 60);
    const wrap = (list: unknown[]) => JSON.stringify(recordsPath ? { [recordsPath]: list } : list);
    const dirty = [
      ...records.slice(0, 20),
      5,
      ...records.slice(20, 40),
      'text',
      ...records.slice(40),
      null,
    ];
    const cleanRun = await runFile(cityId, 'clean.json', wrap(records));
    const dirtyRun = await runFile(cityId, 'dirty.json', wrap(dirty));
    expect(dirtyRun.run.rows_loaded).toBe(cleanRun.run.rows_loaded);
    expect(dirtyRun.run.rows_read).toBe(cleanRun.run.rows_read + 3);
    expect(dirtyRun.run.rows_quarantined).toBe(cleanRun.run.rows_quarantined + 3);
    const quarantined = await dirtyRun.box.query<{ reason: string; raw: string }>(
      `select reason, raw from quarantine where reason = 'json_not_an_object' order by line`,
    );
    expect(quarantined.map((q) => q.raw)).toEqual(['5', '"text"', 'null']);
  });
});
