/**
 * Portal adapters fetch only from their source's hosts, follow redirects only within them, and
 * cap the bytes of one response: against the recorded-response server (two of them stand for two
 * hosts, since each listens on its own port).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { fetchWithRetry, sourceHosts } from '@/pipeline/sources/http';
import { socrataAdapter, type SocrataSource } from '@/pipeline/sources/socrata';
import { fixture, startRecordedServer, type RecordedServer } from '@/tests/support/recorded-server';
import { collect, makeContext } from './helpers';

const servers: RecordedServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});
async function serve(...routes: Parameters<typeof startRecordedServer>[0]) {
  const server = await startRecordedServer(routes);
  servers.push(server);
  return server;
}
const hostOf = (origin: string) => new URL(origin).host;
const redirect = (location: string) =>
  ({ kind: 'body', body: '', status: 302, headers: { location } }) as const;

function socrata(origin: string, extra: Partial<SocrataSource> = {}): SocrataSource {
  return {
    kind: 'socrata',
    id: 'sf311',
    layouts: ['sf-soda'],
    baseUrl: origin,
    datasetId: 'vw6y-z8j6',
    updatedField: 'updated_datetime',
    orderField: 'requested_datetime',
    pageSize: 4,
    ...extra,
  };
}

describe('fetchWithRetry with allowed hosts', () => {
  it('refuses a URL on another host without sending anything', async () => {
    const other = await serve({ path: '/p', reply: { kind: 'body', body: 'x' } });
    await expect(
      fetchWithRetry(`${other.origin}/p`, { allowedHosts: ['data.example.org'] }),
    ).rejects.toThrow(
      /host 127\.0\.0\.1:\d+ is not among the source's hosts \(data\.example\.org\)/,
    );
    expect(other.requests).toHaveLength(0);
  });

  it('follows a redirect within the hosts and refuses one that leaves them', async () => {
    const other = await serve({ path: '/elsewhere', reply: { kind: 'body', body: 'stolen' } });
    const home = await serve(
      { path: '/moved', reply: redirect('/here') },
      { path: '/here', reply: { kind: 'body', body: 'ok' } },
      { path: '/away', reply: redirect(`${other.origin}/elsewhere`) },
    );
    const allowedHosts = [hostOf(home.origin)];
    const res = await fetchWithRetry(`${home.origin}/moved`, { allowedHosts });
    expect(new TextDecoder().decode(res.body)).toBe('ok');
    await expect(fetchWithRetry(`${home.origin}/away`, { allowedHosts })).rejects.toThrow(
      /redirected to http:\/\/127\.0\.0\.1:\d+\/elsewhere\) refused: host/,
    );
    expect(other.requests).toHaveLength(0);
  });

  it('caps the bytes of one response, without retrying', async () => {
    const home = await serve({ path: '/big', reply: { kind: 'body', body: 'x'.repeat(5000) } });
    await expect(
      fetchWithRetry(`${home.origin}/big`, { maxBytes: 1000, sleep: () => Promise.resolve() }),
    ).rejects.toThrow(/cap of 1000 bytes/);
    expect(home.requests).toHaveLength(1);
    const ok = await fetchWithRetry(`${home.origin}/big`, { maxBytes: 5000 });
    expect(ok.body.byteLength).toBe(5000);
  });
});

describe('portal adapters', () => {
  it('take their hosts from the config: the URL host plus any listed', () => {
    expect(sourceHosts(socrata('https://data.sfgov.org'))).toEqual(['data.sfgov.org']);
    expect(sourceHosts(socrata('https://data.sfgov.org', { hosts: ['cdn.sfgov.org'] }))).toEqual([
      'data.sfgov.org',
      'cdn.sfgov.org',
    ]);
  });

  it('stop when a portal redirects a page to a host not in the config', async () => {
    // A short page: the adapter stops after it.
    const other = await serve({
      path: '/resource/vw6y-z8j6.json',
      reply: fixture('socrata/vw6y-z8j6-offset-8.json'),
    });
    const home = await serve({
      path: '/resource/vw6y-z8j6.json',
      reply: redirect(`${other.origin}/resource/vw6y-z8j6.json`),
    });
    await expect(
      collect(socrataAdapter.extract(socrata(home.origin), makeContext())),
    ).rejects.toThrow(/not among the source's hosts/);
    expect(other.requests).toHaveLength(0);
    // Listed in the config, the second host is followed.
    const pages = await collect(
      socrataAdapter.extract(
        socrata(home.origin, { hosts: [hostOf(other.origin)] }),
        makeContext(),
      ),
    );
    expect(pages.length).toBeGreaterThan(0);
  });

  it('cap a page at the configured size', async () => {
    const home = await serve({
      path: '/resource/vw6y-z8j6.json',
      reply: fixture('socrata/vw6y-z8j6-offset-0.json'),
    });
    await expect(
      collect(
        socrataAdapter.extract(socrata(home.origin, { maxResponseBytes: 100 }), makeContext()),
      ),
    ).rejects.toThrow(/cap of 100 bytes/);
  });
});
