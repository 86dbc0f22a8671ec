/**
 * Odd inputs through the real pipeline: compressed files are read, binary and mis-encoded files
 * are refused with a sentence naming the file (never its bytes), malformed JSON is named with the
 * place it breaks, empty pages and header-only files are zero rows alike, and inputs the contract
 * rejects leave the raw lake for lake/rejected/ (listed by --status).
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { zipSync } from 'fflate';
import { afterAll, describe, expect, it } from 'vitest';
import { listRejected } from '@/pipeline/lake';
import { printRejectedInputs } from '@/pipeline/status';
import { ROOT, sandbox, type Sandbox } from '../support/pipeline';

const BOSTON = readFileSync(
  path.join(ROOT, 'data/samples/boston/boston311-2022-01-sample-100.csv'),
);
const boxes: Sandbox[] = [];
afterAll(() => boxes.forEach((b) => b.cleanup()));

function box(cityId: string) {
  const b = sandbox([cityId]);
  boxes.push(b);
  return b;
}

async function load(b: Sandbox, name: string, body: Buffer | string) {
  const file = path.join(b.dir, name);
  writeFileSync(file, body);
  return b.run({ source: 'file', filePath: file });
}

const rawLake = (b: Sandbox) =>
  existsSync(path.join(b.lake, 'raw'))
    ? readdirSync(path.join(b.lake, 'raw'), { recursive: true }).map(String)
    : [];

describe('compressed inputs', () => {
  it.each([
    ['boston.csv.gz', gzipSync(BOSTON)],
    ['boston.gz', gzipSync(BOSTON)],
    ['boston.zip', Buffer.from(zipSync({ 'export/boston.csv': new Uint8Array(BOSTON) }))],
    ['mislabelled.csv', gzipSync(BOSTON)],
  ])('reads %s like the plain CSV', async (name, body) => {
    const b = box('boston');
    const result = await load(b, name, body);
    expect(result.cities[0]).toMatchObject({ rowsRead: 100, rowsLoaded: 100, filesLoaded: 1 });
    const [n] = await b.query<{ n: number }>('select count(*) as n from fact_requests');
    expect(n?.n).toBe(100);
  });
});

describe('inputs that are not UTF-8 text', () => {
  it('refuses a binary file in a sentence naming it, moves it to lake/rejected and lists it', async () => {
    const b = box('boston');
    const bytes = Buffer.concat([
      Buffer.from('case_enquiry_id,open_dt\n'),
      Buffer.from([0, 1, 2, 0xff, 0xfe, 7, 0]),
    ]);
    const error = await load(b, 'odd.csv', bytes).then(
      () => undefined,
      (e: unknown) => e as Error,
    );
    expect(error?.message).toMatch(
      /odd\.csv is not a CSV or JSON text file: it is binary data \(a NUL byte at offset 24\)\./,
    );
    // No raw bytes in the message: printable text only.
    expect(error?.message).toMatch(/^[\x20-\x7e\n]*$/);
    expect(existsSync(b.warehouse)).toBe(false);
    expect(rawLake(b).filter((f) => f.endsWith('odd.csv'))).toEqual([]);
    const rejected = await listRejected(b.lake);
    expect(rejected).toEqual([
      expect.objectContaining({ city: 'boston', source: 'file', file: 'odd.csv' }),
    ]);
    expect(rejected[0]!.reason).toMatch(/binary data/);
    const printed: string[] = [];
    const original = console.log;
    console.log = (...args: unknown[]) => void printed.push(args.map(String).join(' '));
    try {
      await printRejectedInputs(b.lake);
    } finally {
      console.log = original;
    }
    expect(printed.join('\n')).toMatch(/Rejected inputs/);
  });

  it('names a PDF, and a Latin-1 file, by what they are', async () => {
    const b = box('boston');
    await expect(load(b, 'report.csv', '%PDF-1.7\n...')).rejects.toThrow(
      /report\.csv is not a CSV or JSON text file: it is a PDF document\./,
    );
    const latin1 = Buffer.from(
      [
        'case_enquiry_id,open_dt,case_status,type',
        ...Array.from(
          { length: 10 },
          (_, i) => `${i},2022-01-0${(i % 9) + 1} 10:00:00,Open,Caf\u00e9 complaint`,
        ),
      ].join('\n'),
      'latin1',
    );
    await expect(load(b, 'latin1.csv', latin1)).rejects.toThrow(
      /latin1\.csv is not a CSV or JSON text file: it is text in another encoding than UTF-8: 10 of the first 11 lines hold bytes that are not valid UTF-8 \(the first at line 2\)/,
    );
    expect((await listRejected(b.lake)).map((r) => r.file).sort()).toEqual([
      'latin1.csv',
      'report.csv',
    ]);
  });
});

describe('JSON pages', () => {
  it('names malformed JSON with the file, line and column', async () => {
    const b = box('toronto');
    await expect(
      load(b, 'broken.json', '{"service_requests": [\n  {"service_request_id": 1,,}\n]}'),
    ).rejects.toThrow(/broken\.json is not valid JSON: .* at line 2, column 28/);
    await expect(load(b, 'cut.json', '{"service_requests": [\n  {"service_re')).rejects.toThrow(
      /cut\.json is not valid JSON: Unterminated string at line 2, column 15/,
    );
    expect((await listRejected(b.lake)).map((r) => r.file).sort()).toEqual([
      'broken.json',
      'cut.json',
    ]);
  });

  it('loads an empty page as zero rows, as a header-only CSV is', async () => {
    const toronto = box('toronto');
    const page = await load(toronto, 'empty.json', '{"service_requests": []}');
    expect(page.cities[0]).toMatchObject({ status: 'success', rowsRead: 0, filesLoaded: 1 });
    const seattle = box('seattle');
    const array = await load(seattle, 'empty.json', '[]');
    expect(array.cities[0]).toMatchObject({ status: 'success', rowsRead: 0, filesLoaded: 1 });
    const boston = box('boston');
    const headerOnly = await load(
      boston,
      'header.csv',
      BOSTON.toString('utf8').split('\n')[0]! + '\n',
    );
    expect(headerOnly.cities[0]).toMatchObject({ status: 'success', rowsRead: 0, filesLoaded: 1 });
  });
});

describe('inputs the contract rejects', () => {
  it('leave the raw lake for lake/rejected, with the reason beside them', async () => {
    const b = box('boston');
    await expect(load(b, 'wrong.csv', 'a,b,c\n1,2,3\n')).rejects.toThrow(/unrecognised header/);
    expect(rawLake(b).filter((f) => f.endsWith('wrong.csv'))).toEqual([]);
    const [rejected] = await listRejected(b.lake);
    expect(rejected).toMatchObject({ city: 'boston', file: 'wrong.csv' });
    expect(rejected?.reason).toMatch(/unrecognised header/);
  });
});
