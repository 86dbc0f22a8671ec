import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { fileAdapter, type FileSource } from '@/pipeline/sources/file';
import { arcgisAdapter } from '@/pipeline/sources/arcgis';
import { ckanAdapter } from '@/pipeline/sources/ckan';
import { open311Adapter } from '@/pipeline/sources/open311';
import { socrataAdapter } from '@/pipeline/sources/socrata';
import { extractSource, getAdapter, type SourceKind } from '@/pipeline/sources/index';
import {
  FIXTURES_DIR,
  fixture,
  startRecordedServer,
  type RecordedServer,
} from '@/tests/support/recorded-server';
import { collect, makeContext } from './helpers';

let server: RecordedServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const source = (location: string): FileSource => ({
  kind: 'file',
  id: 'local',
  layouts: ['toronto-2022'],
  location,
});

describe('fileAdapter', () => {
  it('yields a local CSV as one page, unchanged', async () => {
    const path = `${FIXTURES_DIR}ckan/sr2024.csv`;
    const pages = await collect(fileAdapter.extract(source(path), makeContext()));
    expect(pages.map((p) => [p.name, p.format])).toEqual([['sr2024.csv', 'csv']]);
    expect(Buffer.from(pages[0]?.body ?? [])).toEqual(readFileSync(path));
  });

  it('gunzips a local .csv.gz into the CSV it holds', async () => {
    const plain = readFileSync(`${FIXTURES_DIR}ckan/sr2024.csv`);
    const dir = mkdtempSync(join(tmpdir(), 'atlas311-gz-'));
    const path = join(dir, 'sr2024.csv.gz');
    writeFileSync(path, gzipSync(plain));
    const pages = await collect(fileAdapter.extract(source(path), makeContext()));
    expect(pages.map((p) => [p.name, p.format])).toEqual([['sr2024.csv', 'csv']]);
    expect(Buffer.from(pages[0]?.body ?? [])).toEqual(plain);
  });

  it('unzips a local zip', async () => {
    const pages = await collect(
      fileAdapter.extract(source(`${FIXTURES_DIR}ckan/sr2023.zip`), makeContext()),
    );
    expect(pages.map((p) => [p.name, p.format])).toEqual([['SR2023.csv', 'csv']]);
    expect(Buffer.from(pages[0]?.body ?? [])).toEqual(
      readFileSync(`${FIXTURES_DIR}ckan/SR2023.csv`),
    );
  });

  it('downloads a URL with retries', async () => {
    server = await startRecordedServer([
      {
        path: '/files/requests.json',
        reply: fixture('open311/requests-2018-10-01-2018-10-16.json'),
        faults: { 1: { kind: 'status', status: 502 } },
      },
    ]);
    const ctx = makeContext();
    const pages = await collect(
      fileAdapter.extract(source(`${server.origin}/files/requests.json?token=abc`), ctx),
    );
    expect(pages.map((p) => [p.name, p.format])).toEqual([['requests.json', 'json']]);
    expect(server.requests).toHaveLength(2);
    expect(ctx.sleeps).toHaveLength(1);
  });

  it('refuses an unknown extension', async () => {
    await expect(
      collect(fileAdapter.extract(source(`${FIXTURES_DIR}ckan/sr2024.xlsx`), makeContext())),
    ).rejects.toThrow(/unknown format of "sr2024\.xlsx"/);
  });
});

describe('getAdapter', () => {
  it('returns the adapter of each kind', () => {
    expect(getAdapter('ckan')).toBe(ckanAdapter);
    expect(getAdapter('socrata')).toBe(socrataAdapter);
    expect(getAdapter('arcgis')).toBe(arcgisAdapter);
    expect(getAdapter('open311')).toBe(open311Adapter);
    expect(getAdapter('file')).toBe(fileAdapter);
  });

  it('throws on a kind it does not know', () => {
    expect(() => getAdapter('wfs' as SourceKind)).toThrow('No adapter for source kind "wfs"');
  });
});

describe('extractSource', () => {
  it('dispatches on the config kind', async () => {
    const pages = await collect(
      extractSource(source(`${FIXTURES_DIR}ckan/sr2024.csv`), makeContext()),
    );
    expect(pages.map((p) => p.name)).toEqual(['sr2024.csv']);
  });
});
