/**
 * `--source live` through the whole pipeline: Toronto's CKAN package served from recorded
 * responses on a local server. A run that dies on a portal fault publishes nothing but keeps
 * the pages it landed; the next run loads those from the lake, fetches only the rest, and later
 * runs pull nothing until the portal's files change (the watermark).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CityConfig } from '@/lib/cities';
import {
  fixture,
  startRecordedServer,
  type RecordedServer,
  type Route,
} from '@/tests/support/recorded-server';
import { city, sandbox, type Sandbox } from '../support/pipeline';

const SHOW = '/api/3/action/package_show';
const DL = '/dataset/2e54bc0e-4399-4076-b717-351df5918ae7/resource';
const DOWNLOADS = [
  `${DL}/x1/download/sr2022.zip`,
  `${DL}/x2/download/sr2023.zip`,
  `${DL}/x3/download/sr2024.csv`,
];

function routes(faults: Route['faults'] = {}): Route[] {
  return [
    { path: SHOW, reply: fixture('ckan/package_show-311-service-requests.json') },
    { path: DOWNLOADS[0]!, reply: fixture('ckan/sr2022.zip') },
    { path: DOWNLOADS[1]!, reply: fixture('ckan/sr2023.zip') },
    { path: DOWNLOADS[2]!, reply: fixture('ckan/sr2024.csv'), faults },
  ];
}

function torontoAt(origin: string): CityConfig {
  const toronto = city('toronto');
  const [source] = toronto.sources;
  if (source?.kind !== 'ckan') throw new Error('Toronto should have a CKAN source');
  return { ...toronto, sources: [{ ...source, baseUrl: origin }] };
}

describe('pipeline --source live (CKAN)', () => {
  let box: Sandbox;
  let server: RecordedServer | undefined;
  beforeEach(() => {
    box = sandbox(['toronto']);
  });
  afterEach(async () => {
    await server?.close();
    box.cleanup();
  });

  const live = (origin: string) => box.run({ cities: [torontoAt(origin)], source: 'live' });
  const count = async () =>
    (await box.query<{ n: number }>(`select count(*) as n from fact_requests`))[0]?.n;

  it('loads every yearly file, then pulls nothing while the portal is unchanged', async () => {
    server = await startRecordedServer(routes());
    const first = await live(server.origin);
    expect(first.cities[0]).toMatchObject({ filesLoaded: 3, rowsRead: 15, rowsLoaded: 15 });
    expect(await count()).toBe(15);
    const [run] = await box.query<{ watermark: string }>(`select watermark from pipeline_runs`);
    expect(run?.watermark).toBe('2024-03-14T09:00:00.000Z');

    server.requests.length = 0;
    const second = await live(server.origin);
    expect(second.cities[0]).toMatchObject({ filesLoaded: 0, rowsRead: 0 });
    // Only the package listing was asked for: every resource is older than the watermark.
    expect(server.requests.map((r) => r.path)).toEqual([SHOW]);
    expect(await count()).toBe(15);
  });

  it('--full replays the landed pages from the lake and keeps the watermark', async () => {
    server = await startRecordedServer(routes());
    await live(server.origin);
    const watermark = () =>
      box.query<{ source: string; watermark: string }>(
        `select source, watermark from source_state`,
      );
    const before = await watermark();
    server.requests.length = 0;
    const full = await box.run({ cities: [torontoAt(server.origin)], source: 'live', full: true });
    expect(full.cities[0]).toMatchObject({ filesLoaded: 3, rowsRead: 15, rowsLoaded: 15 });
    expect(full.cities[0]?.watermark).toBe('2024-03-14T09:00:00.000Z');
    expect(await watermark()).toEqual(before);
    // The portal was asked only what changed since the watermark: nothing to download.
    expect(server.requests.map((r) => r.path)).toEqual([SHOW]);
    expect(await count()).toBe(15);
  });

  it('resumes after a portal fault without fetching the landed pages again', async () => {
    server = await startRecordedServer(routes({ 1: { kind: 'status', status: 404 } }));
    await expect(live(server.origin)).rejects.toThrow(/404/);
    // Nothing published...
    await expect(count()).rejects.toThrow(/does not exist/);
    // ...but the next run finishes the job from the lake and the checkpoint.
    server.requests.length = 0;
    const second = await live(server.origin);
    expect(second.cities[0]).toMatchObject({ filesLoaded: 3, rowsRead: 15 });
    expect(server.requests.map((r) => r.path)).toEqual([SHOW, DOWNLOADS[2]]);
    expect(await count()).toBe(15);
  });

  it('retries a 500 from the portal and loads the file', async () => {
    server = await startRecordedServer(routes({ 1: { kind: 'status', status: 500 } }));
    const result = await live(server.origin);
    expect(result.cities[0]).toMatchObject({ filesLoaded: 3, rowsRead: 15 });
    expect(server.requestsTo(DOWNLOADS[2]!)).toHaveLength(2);
  });
});
