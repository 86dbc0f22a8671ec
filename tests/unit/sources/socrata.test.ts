import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { socrataAdapter, socrataWhere, type SocrataSource } from '@/pipeline/sources/socrata';
import { HttpError } from '@/pipeline/sources/http';
import {
  FIXTURES_DIR,
  fixture,
  startRecordedServer,
  type RecordedServer,
  type Route,
} from '@/tests/support/recorded-server';
import { MemoryCheckpoint, collect, makeContext } from './helpers';
import type { RawPage } from '@/pipeline/sources/types';

const PATH = '/resource/vw6y-z8j6.json';
let server: RecordedServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

function config(origin: string): SocrataSource {
  return {
    kind: 'socrata',
    id: 'sf311',
    layouts: ['sf-soda'],
    baseUrl: origin,
    datasetId: 'vw6y-z8j6',
    updatedField: 'updated_datetime',
    orderField: 'requested_datetime',
    pageSize: 4,
  };
}

const page = (offset: string, file: string): Route => ({
  path: PATH,
  query: { $offset: offset },
  reply: fixture(`socrata/${file}`),
});
const threePages = (): Route[] => [
  page('0', 'vw6y-z8j6-offset-0.json'),
  page('4', 'vw6y-z8j6-offset-4.json'),
  page('8', 'vw6y-z8j6-offset-8.json'),
];
const recorded = (file: string): Buffer => readFileSync(`${FIXTURES_DIR}socrata/${file}`);

describe('socrataAdapter', () => {
  it('pages with $where/$order/$limit/$offset until a short page, bytes unchanged', async () => {
    server = await startRecordedServer(threePages());
    const ctx = makeContext({
      since: '2023-11-27T00:00:00.000',
      from: '2023-11-01',
      to: '2023-11-30',
    });
    const pages = await collect(socrataAdapter.extract(config(server.origin), ctx));

    const where =
      "updated_datetime > '2023-11-27T00:00:00.000' AND requested_datetime >= '2023-11-01T00:00:00'" +
      " AND requested_datetime < '2023-12-01T00:00:00'";
    expect(server.requests.map((r) => r.query)).toEqual(
      ['0', '4', '8'].map((offset) => ({
        $where: where,
        $order: 'requested_datetime,:id',
        $limit: '4',
        $offset: offset,
      })),
    );
    expect(server.requests[0]?.rawQuery).toBe(
      '$where=updated_datetime%20%3E%20%272023-11-27T00%3A00%3A00.000%27%20AND%20' +
        'requested_datetime%20%3E%3D%20%272023-11-01T00%3A00%3A00%27%20AND%20' +
        'requested_datetime%20%3C%20%272023-12-01T00%3A00%3A00%27' +
        '&$order=requested_datetime%2C%3Aid&$limit=4&$offset=0',
    );
    expect(pages.map((p) => [p.name, p.format, p.maxUpdated])).toEqual([
      ['page-000000.json', 'json', '2023-11-28T05:48:52.000'],
      ['page-000001.json', 'json', '2023-11-28T05:45:13.000'],
      ['page-000002.json', 'json', '2023-11-28T05:33:05.000'],
    ]);
    expect(Buffer.from(pages[1]?.body ?? [])).toEqual(recorded('vw6y-z8j6-offset-4.json'));
    expect(ctx.checkpoint.writes.map(([, v]) => v)).toEqual(['4', '8', '10']);
    expect(ctx.lines.filter((l) => l.msg === 'schema changed')).toEqual([]);
  });

  it('sends no $where without a watermark or window', async () => {
    server = await startRecordedServer(threePages());
    await collect(socrataAdapter.extract(config(server.origin), makeContext()));
    expect(server.requests[0]?.rawQuery).toBe(
      '$order=requested_datetime%2C%3Aid&$limit=4&$offset=0',
    );
  });

  it('stops at an empty page after a full one', async () => {
    server = await startRecordedServer([
      page('0', 'vw6y-z8j6-offset-0.json'),
      page('4', 'vw6y-z8j6-offset-4.json'),
      { path: PATH, query: { $offset: '8' }, reply: { kind: 'body', body: '[]' } },
    ]);
    const pages = await collect(socrataAdapter.extract(config(server.origin), makeContext()));
    expect(pages.map((p) => p.name)).toEqual(['page-000000.json', 'page-000001.json']);
    expect(server.requests.map((r) => r.query.$offset)).toEqual(['0', '4', '8']);
  });

  it('resumes at the checkpointed offset after a fault, with no duplicate pages', async () => {
    server = await startRecordedServer([
      page('0', 'vw6y-z8j6-offset-0.json'),
      {
        path: PATH,
        query: { $offset: '4' },
        // Fails every attempt of the first run (1 + 4 retries), then answers.
        reply: (_req, attempt) =>
          attempt <= 5
            ? { kind: 'status', status: 503 }
            : fixture('socrata/vw6y-z8j6-offset-4.json'),
      },
      page('8', 'vw6y-z8j6-offset-8.json'),
    ]);
    const checkpoint = new MemoryCheckpoint();
    const first: RawPage[] = [];
    const err = await collect(
      socrataAdapter.extract(config(server.origin), makeContext({ checkpoint })),
      first,
    ).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(HttpError);
    expect(first.map((p) => p.name)).toEqual(['page-000000.json']);

    const before = server.requests.length;
    const second = await collect(
      socrataAdapter.extract(config(server.origin), makeContext({ checkpoint })),
    );
    expect(server.requests.slice(before).map((r) => r.query.$offset)).toEqual(['4', '8']);
    expect(second.map((p) => p.name)).toEqual(['page-000001.json', 'page-000002.json']);
    const names = [...first, ...second].map((p) => p.name);
    expect(new Set(names).size).toBe(names.length);
  });

  it('ignores a checkpoint saved under another watermark', async () => {
    server = await startRecordedServer(threePages());
    const checkpoint = new MemoryCheckpoint();
    await collect(socrataAdapter.extract(config(server.origin), makeContext({ checkpoint })));
    const before = server.requests.length;
    await collect(
      socrataAdapter.extract(
        config(server.origin),
        makeContext({ checkpoint, since: '2023-11-28T00:00:00' }),
      ),
    );
    expect(server.requests[before]?.query.$offset).toBe('0');
  });

  it('warns "schema changed" with the added and removed columns', async () => {
    server = await startRecordedServer([
      page('0', 'vw6y-z8j6-offset-0.json'),
      page('4', 'vw6y-z8j6-offset-4-changed-schema.json'),
      page('8', 'vw6y-z8j6-offset-8.json'),
    ]);
    const ctx = makeContext();
    const pages = await collect(socrataAdapter.extract(config(server.origin), ctx));
    expect(pages).toHaveLength(3);
    const warnings = ctx.lines.filter((l) => l.msg === 'schema changed');
    expect(warnings.map((w) => [w.page, w.added, w.removed])).toEqual([
      ['page-000001.json', ['data_as_of', 'status'], ['status_description']],
      ['page-000002.json', ['status_description'], ['data_as_of', 'status']],
    ]);
  });

  it('rejects a body that is not a SODA array, naming the source', async () => {
    server = await startRecordedServer([
      {
        path: PATH,
        reply: { kind: 'body', body: '{"error":true,"message":"Unknown column"}' },
      },
    ]);
    const err = await collect(socrataAdapter.extract(config(server.origin), makeContext())).catch(
      (e: unknown) => e,
    );
    expect((err as Error).message).toMatch(
      /^socrata sf311 \(vw6y-z8j6\) http:\/\/127\.0\.0\.1:\d+\/resource\/vw6y-z8j6\.json\?.*: unexpected response shape: \(root\): /,
    );
  });
});

describe('socrataWhere', () => {
  it('drops a trailing Z and refuses quotes in the watermark', () => {
    const c = { updatedField: 'updated_datetime', orderField: 'requested_datetime' };
    expect(socrataWhere(c, { since: '2024-01-02T03:04:05.000Z' })).toBe(
      "updated_datetime > '2024-01-02T03:04:05.000'",
    );
    expect(() => socrataWhere(c, { since: "2024' OR 1=1" })).toThrow(/not a zone-less ISO/);
    expect(socrataWhere(c, {})).toBeUndefined();
  });
});
