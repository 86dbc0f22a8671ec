import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { arcgisAdapter, arcgisYears, type ArcgisSource } from '@/pipeline/sources/arcgis';
import {
  FIXTURES_DIR,
  fixture,
  startRecordedServer,
  type RecordedServer,
  type Route,
} from '@/tests/support/recorded-server';
import { MemoryCheckpoint, collect, makeContext } from './helpers';
import type { RawPage } from '@/pipeline/sources/types';

let server: RecordedServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const layer = (year: number): string =>
  `/afSMGVsC7QlRK1kZ/arcgis/rest/services/Public_311_${year}/FeatureServer/0/query`;

function config(origin: string): ArcgisSource {
  return {
    kind: 'arcgis',
    id: 'mpls311',
    layouts: ['mpls-arcgis'],
    serviceUrlTemplate: `${origin}/afSMGVsC7QlRK1kZ/arcgis/rest/services/Public_311_{year}/FeatureServer/0`,
    firstYear: 2023,
    updatedField: 'LastUpdateDate',
    pageSize: 3,
  };
}

const at = (year: number, offset: string, file: string): Route => ({
  path: layer(year),
  query: { resultOffset: offset },
  reply: fixture(`arcgis/${file}`),
});
const routes = (): Route[] => [
  at(2023, '0', 'public-311-2023-offset-0.json'),
  at(2023, '3', 'public-311-2023-offset-3.json'),
  at(2024, '0', 'public-311-2024-offset-0.json'),
  at(2024, '3', 'public-311-2024-offset-3-changed-schema.json'),
  at(2024, '6', 'public-311-2024-offset-6-empty.json'),
];

const query = (offset: string, where = '1=1') => ({
  where,
  outFields: '*',
  f: 'json',
  orderByFields: 'OBJECTID',
  resultOffset: offset,
  resultRecordCount: '3',
});

describe('arcgisAdapter', () => {
  it('pages each yearly layer while exceededTransferLimit or a full page, bytes unchanged', async () => {
    server = await startRecordedServer(routes());
    const ctx = makeContext();
    const pages = await collect(arcgisAdapter.extract(config(server.origin), ctx));

    expect(server.requests.map((r) => [r.path, r.query])).toEqual([
      [layer(2023), query('0')],
      [layer(2023), query('3')],
      [layer(2024), query('0')],
      [layer(2024), query('3')],
      [layer(2024), query('6')],
    ]);
    expect(pages.map((p) => [p.name, p.maxUpdated])).toEqual([
      ['2023-page-000000.json', '2023-01-05T14:20:00.000Z'],
      ['2023-page-000001.json', '2023-01-07T20:30:00.000Z'],
      ['2024-page-000000.json', '2024-01-05T14:20:00.000Z'],
      ['2024-page-000001.json', '2024-01-08T14:35:00.000Z'],
    ]);
    expect(Buffer.from(pages[0]?.body ?? [])).toEqual(
      readFileSync(`${FIXTURES_DIR}arcgis/public-311-2023-offset-0.json`),
    );
    const drift = ctx.lines.filter((l) => l.msg === 'schema changed');
    expect(drift.map((w) => [w.page, w.added, w.removed])).toEqual([
      ['2024-page-000001.json', ['PUBLICCOMMENT'], ['TITLE']],
    ]);
  });

  it('filters on the watermark with an ArcGIS timestamp literal, percent-encoded', async () => {
    server = await startRecordedServer(routes());
    await collect(
      arcgisAdapter.extract(
        config(server.origin),
        makeContext({ since: '2024-01-05T10:00:00.000Z', from: '2024-01-01' }),
      ),
    );
    expect(server.requests.map((r) => r.path)).toEqual([layer(2024), layer(2024), layer(2024)]);
    expect(server.requests[0]?.query).toEqual(
      query('0', "LastUpdateDate > timestamp '2024-01-05 10:00:00'"),
    );
    expect(server.requests[0]?.rawQuery).toBe(
      'where=LastUpdateDate%20%3E%20timestamp%20%272024-01-05%2010%3A00%3A00%27&outFields=%2A' +
        '&f=json&orderByFields=OBJECTID&resultOffset=0&resultRecordCount=3',
    );
  });

  it('treats an error object in a 200 body as an error', async () => {
    server = await startRecordedServer([
      { path: layer(2023), reply: fixture('arcgis/error-invalid-query.json') },
    ]);
    const err = await collect(arcgisAdapter.extract(config(server.origin), makeContext())).catch(
      (e: unknown) => e,
    );
    expect((err as Error).message).toMatch(
      /^arcgis mpls311 \(2023\) .*: ArcGIS error 400: Unable to complete operation\. 'where' parameter is invalid$/,
    );
  });

  it('rejects a page without features or error', async () => {
    server = await startRecordedServer([
      { path: layer(2023), reply: { kind: 'body', body: '{"count":12}' } },
    ]);
    const err = await collect(arcgisAdapter.extract(config(server.origin), makeContext())).catch(
      (e: unknown) => e,
    );
    expect((err as Error).message).toMatch(
      /unexpected response shape: .*neither `features` nor `error`/,
    );
  });

  it('resumes at the saved year and offset after a fault, with no duplicate pages', async () => {
    const all = routes();
    all[3] = {
      path: layer(2024),
      query: { resultOffset: '3' },
      reply: (_req, attempt) =>
        attempt <= 5
          ? { kind: 'drop', file: 'arcgis/public-311-2024-offset-3-changed-schema.json' }
          : fixture('arcgis/public-311-2024-offset-3-changed-schema.json'),
    };
    server = await startRecordedServer(all);
    const checkpoint = new MemoryCheckpoint();
    const first: RawPage[] = [];
    const err = await collect(
      arcgisAdapter.extract(config(server.origin), makeContext({ checkpoint })),
      first,
    ).catch((e: unknown) => e);
    expect((err as Error).message).toMatch(/network error.*after 5 attempt/);
    expect(first.map((p) => p.name)).toEqual([
      '2023-page-000000.json',
      '2023-page-000001.json',
      '2024-page-000000.json',
    ]);

    const before = server.requests.length;
    const second = await collect(
      arcgisAdapter.extract(config(server.origin), makeContext({ checkpoint })),
    );
    expect(server.requests.slice(before).map((r) => [r.path, r.query.resultOffset])).toEqual([
      [layer(2024), '3'],
      [layer(2024), '6'],
    ]);
    expect(second.map((p) => p.name)).toEqual(['2024-page-000001.json']);
  });
});

describe('arcgisYears', () => {
  it('runs from firstYear or from to the current year or to', () => {
    const c = { firstYear: 2017 } as ArcgisSource;
    const now = new Date('2024-03-15T00:00:00Z');
    expect(arcgisYears(c, undefined, undefined, now)).toEqual([
      2017, 2018, 2019, 2020, 2021, 2022, 2023, 2024,
    ]);
    expect(arcgisYears(c, '2020-06-01', '2021-02-01', now)).toEqual([2020, 2021]);
    expect(arcgisYears(c, '2010-01-01', '2030-01-01', now)).toHaveLength(8);
  });
});
