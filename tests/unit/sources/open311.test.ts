import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { open311Adapter, open311Range, type Open311Source } from '@/pipeline/sources/open311';
import {
  FIXTURES_DIR,
  fixture,
  startRecordedServer,
  type RecordedServer,
  type Route,
} from '@/tests/support/recorded-server';
import { MemoryCheckpoint, collect, makeContext } from './helpers';
import type { RawPage } from '@/pipeline/sources/types';

const PATH = '/open311/v2/requests.json';
let server: RecordedServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

function config(origin: string): Open311Source {
  return {
    kind: 'open311',
    id: 'toronto-open311',
    layouts: ['georeport-v2'],
    baseUrl: `${origin}/open311/v2`,
    windowDays: 30,
  };
}

const window = (start: string, file: string): Route => ({
  path: PATH,
  query: { start_date: `${start}T00:00:00Z` },
  reply: fixture(`open311/${file}`),
});
const windows = (): Route[] => [
  window('2018-09-01', 'requests-2018-09-01-2018-10-01.json'),
  window('2018-10-01', 'requests-2018-10-01-2018-10-31.json'),
  window('2018-10-31', 'requests-2018-10-31-2018-11-01.json'),
];
const RANGE = { from: '2018-09-01', to: '2018-10-31' };

describe('open311Adapter', () => {
  it('asks consecutive windows of at most windowDays from `from` through `to`', async () => {
    server = await startRecordedServer(windows());
    const ctx = makeContext(RANGE);
    const pages = await collect(open311Adapter.extract(config(server.origin), ctx));

    expect(server.requests.map((r) => r.query)).toEqual([
      { start_date: '2018-09-01T00:00:00Z', end_date: '2018-10-01T00:00:00Z' },
      { start_date: '2018-10-01T00:00:00Z', end_date: '2018-10-31T00:00:00Z' },
      { start_date: '2018-10-31T00:00:00Z', end_date: '2018-11-01T00:00:00Z' },
    ]);
    expect(server.requests[0]?.rawQuery).toBe(
      'start_date=2018-09-01T00%3A00%3A00Z&end_date=2018-10-01T00%3A00%3A00Z',
    );
    // The last window is empty: nothing is landed for it, but it is checkpointed.
    expect(pages.map((p) => [p.name, p.format, p.maxUpdated])).toEqual([
      ['requests-20180901T000000Z-20181001T000000Z.json', 'json', '2018-09-28T17:04:00.000Z'],
      ['requests-20181001T000000Z-20181031T000000Z.json', 'json', '2018-10-02T16:04:00.000Z'],
    ]);
    expect(Buffer.from(pages[0]?.body ?? [])).toEqual(
      readFileSync(`${FIXTURES_DIR}open311/requests-2018-09-01-2018-10-01.json`),
    );
    expect(ctx.checkpoint.writes.map(([, v]) => v)).toEqual([
      '2018-10-01T00:00:00Z',
      '2018-10-31T00:00:00Z',
      '2018-11-01T00:00:00Z',
    ]);
  });

  it('splits a window answered with the server cap into halves', async () => {
    server = await startRecordedServer([
      window('2018-09-01', 'requests-2018-09-01-2018-10-01.json'),
      {
        path: PATH,
        query: { start_date: '2018-10-01T00:00:00Z', end_date: '2018-10-31T00:00:00Z' },
        reply: fixture('open311/requests-cap-50.json'),
      },
      {
        path: PATH,
        query: { start_date: '2018-10-01T00:00:00Z', end_date: '2018-10-16T00:00:00Z' },
        reply: fixture('open311/requests-2018-10-01-2018-10-16.json'),
      },
      window('2018-10-16', 'requests-2018-10-16-2018-10-31.json'),
      window('2018-10-31', 'requests-2018-10-31-2018-11-01.json'),
    ]);
    const ctx = makeContext(RANGE);
    const pages = await collect(open311Adapter.extract(config(server.origin), ctx));
    expect(server.requests.map((r) => `${r.query.start_date} ${r.query.end_date}`)).toEqual([
      '2018-09-01T00:00:00Z 2018-10-01T00:00:00Z',
      '2018-10-01T00:00:00Z 2018-10-31T00:00:00Z',
      '2018-10-01T00:00:00Z 2018-10-16T00:00:00Z',
      '2018-10-16T00:00:00Z 2018-10-31T00:00:00Z',
      '2018-10-31T00:00:00Z 2018-11-01T00:00:00Z',
    ]);
    expect(pages.map((p) => [p.name, p.maxUpdated])).toEqual([
      ['requests-20180901T000000Z-20181001T000000Z.json', '2018-09-28T17:04:00.000Z'],
      ['requests-20181001T000000Z-20181016T000000Z.json', '2018-10-02T12:04:00.000Z'],
      ['requests-20181016T000000Z-20181031T000000Z.json', '2018-10-23T19:04:00.000Z'],
    ]);
    expect(ctx.lines.filter((l) => l.msg === 'open311 window split').map((l) => l.count)).toEqual([
      50,
    ]);
  });

  it('resumes at the first window not yet taken after a fault', async () => {
    const routes = windows();
    routes[1] = {
      ...window('2018-10-01', 'requests-2018-10-01-2018-10-31.json'),
      faults: { 1: { kind: 'status', status: 500 } },
    };
    server = await startRecordedServer(routes);
    const checkpoint = new MemoryCheckpoint();
    const first: RawPage[] = [];
    // The process is killed while backing off after the 500 on the second window.
    const failing = makeContext({
      ...RANGE,
      checkpoint,
      sleep: () => Promise.reject(new Error('killed during backoff')),
    });
    const err = await collect(open311Adapter.extract(config(server.origin), failing), first).catch(
      (e: unknown) => e,
    );
    expect((err as Error).message).toBe('killed during backoff');
    expect(first.map((p) => p.name)).toEqual(['requests-20180901T000000Z-20181001T000000Z.json']);

    const before = server.requests.length;
    const second = await collect(
      open311Adapter.extract(config(server.origin), makeContext({ ...RANGE, checkpoint })),
    );
    expect(server.requests.slice(before).map((r) => r.query.start_date)).toEqual([
      '2018-10-01T00:00:00Z',
      '2018-10-31T00:00:00Z',
    ]);
    expect(second.map((p) => p.name)).toEqual(['requests-20181001T000000Z-20181031T000000Z.json']);
  });

  it('rejects a body that is not a GeoReport array, naming the source', async () => {
    server = await startRecordedServer([
      { path: PATH, reply: { kind: 'body', body: '{"service_requests":[]}' } },
    ]);
    const err = await collect(
      open311Adapter.extract(config(server.origin), makeContext(RANGE)),
    ).catch((e: unknown) => e);
    expect((err as Error).message).toMatch(
      /^open311 toronto-open311 http:\/\/127\.0\.0\.1:\d+\/open311\/v2\/requests\.json\?start_date=.*: unexpected response shape/,
    );
  });
});

describe('open311Range', () => {
  it('starts at from (else since) and ends after `to` (else now)', () => {
    const now = () => new Date('2024-03-15T12:00:00Z');
    expect(open311Range({ from: '2024-01-01', to: '2024-01-31', now })).toEqual({
      start: Date.parse('2024-01-01T00:00:00Z'),
      end: Date.parse('2024-02-01T00:00:00Z'),
    });
    expect(open311Range({ since: '2024-03-01T06:00:00Z', now })).toEqual({
      start: Date.parse('2024-03-01T06:00:00Z'),
      end: Date.parse('2024-03-15T12:00:00Z'),
    });
    expect(() => open311Range({ now })).toThrow(/pass `from` or `since`/);
  });
});
