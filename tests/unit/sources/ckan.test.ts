import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { ckanAdapter, type CkanSource } from '@/pipeline/sources/ckan';
import {
  FIXTURES_DIR,
  fixture,
  json,
  startRecordedServer,
  type RecordedServer,
  type Route,
} from '@/tests/support/recorded-server';
import { MemoryCheckpoint, collect, makeContext, text } from './helpers';
import type { RawPage } from '@/pipeline/sources/types';

const SHOW = '/api/3/action/package_show';
const DL = '/dataset/2e54bc0e-4399-4076-b717-351df5918ae7/resource';
let server: RecordedServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

function config(origin: string): CkanSource {
  return {
    kind: 'ckan',
    id: 'toronto-311',
    layouts: ['toronto-2022'],
    baseUrl: origin,
    packageId: '311-service-requests-customer-initiated',
    resourcePattern: '^SR(\\d{4})$',
  };
}

const routes = (): Route[] => [
  { path: SHOW, reply: fixture('ckan/package_show-311-service-requests.json') },
  { path: `${DL}/x1/download/sr2022.zip`, reply: fixture('ckan/sr2022.zip') },
  { path: `${DL}/x2/download/sr2023.zip`, reply: fixture('ckan/sr2023.zip') },
  { path: `${DL}/x3/download/sr2024.csv`, reply: fixture('ckan/sr2024.csv') },
];

describe('ckanAdapter', () => {
  it('reads package_show, unzips the yearly CSVs and passes a plain CSV through', async () => {
    server = await startRecordedServer(routes());
    const ctx = makeContext();
    const pages = await collect(ckanAdapter.extract(config(server.origin), ctx));

    expect(server.requests.map((r) => r.path)).toEqual([
      SHOW,
      `${DL}/x1/download/sr2022.zip`,
      `${DL}/x2/download/sr2023.zip`,
      `${DL}/x3/download/sr2024.csv`,
    ]);
    expect(server.requests[0]?.query).toEqual({ id: '311-service-requests-customer-initiated' });
    expect(pages.map((p) => [p.name, p.format, p.maxUpdated])).toEqual([
      ['2022.csv', 'csv', '2023-01-04T14:11:53.345Z'],
      ['2023.csv', 'csv', '2024-01-03T10:02:11.104Z'],
      ['2024.csv', 'csv', '2024-03-14T09:00:00.000Z'],
    ]);
    // The CSV inside the zip, byte for byte, in Toronto's published (unquoted) layout.
    expect(Buffer.from(pages[1]?.body ?? [])).toEqual(
      readFileSync(`${FIXTURES_DIR}ckan/SR2023.csv`),
    );
    expect(text(pages[1]?.body ?? new Uint8Array()).split('\r\n')[5]).toBe(
      '2023-01-03 13:05:00.0000000,New,M6E,,,Davenport (09),Litter / Bin / Reinstall, Replace Missing,Solid Waste Management Services,Collections',
    );
    expect(Buffer.from(pages[2]?.body ?? [])).toEqual(
      readFileSync(`${FIXTURES_DIR}ckan/sr2024.csv`),
    );
  });

  it('keeps only the years inside from/to', async () => {
    server = await startRecordedServer(routes());
    const pages = await collect(
      ckanAdapter.extract(
        config(server.origin),
        makeContext({ from: '2023-01-01', to: '2023-12-31' }),
      ),
    );
    expect(pages.map((p) => p.name)).toEqual(['2023.csv']);
    expect(server.requests.map((r) => r.path)).toEqual([SHOW, `${DL}/x2/download/sr2023.zip`]);
  });

  it('skips resources not modified after the watermark', async () => {
    server = await startRecordedServer(routes());
    const pages = await collect(
      ckanAdapter.extract(
        config(server.origin),
        makeContext({ since: '2024-01-03T10:02:11.104Z' }),
      ),
    );
    expect(pages.map((p) => p.name)).toEqual(['2024.csv']);
  });

  it('resumes after a fault without downloading finished resources again', async () => {
    const all = routes();
    all[2] = { ...all[2]!, faults: { 1: { kind: 'drop', file: 'ckan/sr2023.zip' } } };
    server = await startRecordedServer(all);
    const checkpoint = new MemoryCheckpoint();
    const first: RawPage[] = [];
    const killed = makeContext({
      checkpoint,
      sleep: () => Promise.reject(new Error('killed during backoff')),
    });
    await expect(
      collect(ckanAdapter.extract(config(server.origin), killed), first),
    ).rejects.toThrow('killed during backoff');
    expect(first.map((p) => p.name)).toEqual(['2022.csv']);

    const before = server.requests.length;
    const second = await collect(
      ckanAdapter.extract(config(server.origin), makeContext({ checkpoint })),
    );
    expect(second.map((p) => p.name)).toEqual(['2023.csv', '2024.csv']);
    expect(server.requests.slice(before).map((r) => r.path)).toEqual([
      SHOW,
      `${DL}/x2/download/sr2023.zip`,
      `${DL}/x3/download/sr2024.csv`,
    ]);
  });

  it('warns when a year has a different header', async () => {
    const all = routes();
    all[3] = {
      path: `${DL}/x3/download/sr2024.csv`,
      reply: {
        kind: 'body',
        body: 'Creation Date,Status,First 3 Chars of Postal Code,Ward,Service Request Type,Division,Section,Channel\r\n',
      },
    };
    server = await startRecordedServer(all);
    const ctx = makeContext();
    await collect(ckanAdapter.extract(config(server.origin), ctx));
    const drift = ctx.lines.filter((l) => l.msg === 'schema changed');
    expect(drift.map((w) => [w.page, w.added, w.removed])).toEqual([
      ['2024.csv', ['Channel'], ['Intersection Street 1', 'Intersection Street 2']],
    ]);
  });

  it('fails with the source and the reason when package_show is not a CKAN envelope', async () => {
    server = await startRecordedServer([
      { path: SHOW, reply: json({ success: true, result: {} }) },
    ]);
    await expect(
      collect(ckanAdapter.extract(config(server.origin), makeContext())),
    ).rejects.toThrow(
      /^ckan toronto-311 \(311-service-requests-customer-initiated\) .*package_show\?id=.*: unexpected response shape: result\.resources: /,
    );
  });

  it('reports success:false with the portal message', async () => {
    server = await startRecordedServer([
      {
        path: SHOW,
        reply: json({ success: false, error: { message: 'Not found', __type: 'Not Found Error' } }),
      },
    ]);
    await expect(
      collect(ckanAdapter.extract(config(server.origin), makeContext())),
    ).rejects.toThrow(
      'ckan toronto-311 (311-service-requests-customer-initiated): package_show failed: Not found',
    );
  });
});
