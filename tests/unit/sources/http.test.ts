import { afterEach, describe, expect, it } from 'vitest';
import {
  HttpError,
  backoffDelay,
  diffKeys,
  fetchWithRetry,
  parseRetryAfter,
  redactUrl,
} from '@/pipeline/sources/http';
import { startRecordedServer, type RecordedServer } from '@/tests/support/recorded-server';
import { captureLogger, text } from './helpers';

let server: RecordedServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const OK = { kind: 'body', body: '{"ok":true}' } as const;

function recordSleeps(): { sleeps: number[]; sleep: (ms: number) => Promise<void> } {
  const sleeps: number[] = [];
  return { sleeps, sleep: (ms) => (sleeps.push(ms), Promise.resolve()) };
}

describe('fetchWithRetry', () => {
  it('honours Retry-After in seconds on 429 through the injected sleep', async () => {
    server = await startRecordedServer([
      { path: '/p', reply: OK, faults: { 1: { kind: 'status', status: 429, retryAfter: '7' } } },
    ]);
    const { sleeps, sleep } = recordSleeps();
    const res = await fetchWithRetry(`${server.origin}/p`, { sleep, random: () => 0.5 });
    expect(res.status).toBe(200);
    expect(text(res.body)).toBe('{"ok":true}');
    expect(sleeps).toEqual([7000]);
    expect(server.requests).toHaveLength(2);
  });

  it('honours Retry-After as an HTTP date and caps it', async () => {
    server = await startRecordedServer([
      {
        path: '/p',
        reply: OK,
        faults: { 1: { kind: 'status', status: 503, retryAfter: 'Fri, 15 Mar 2024 12:10:00 GMT' } },
      },
    ]);
    const { sleeps, sleep } = recordSleeps();
    await fetchWithRetry(`${server.origin}/p`, {
      sleep,
      now: () => new Date('2024-03-15T12:00:00Z'),
      maxRetryAfterMs: 120_000,
    });
    expect(sleeps).toEqual([120_000]);
  });

  it('retries a 500 with jittered exponential backoff, then returns the 200 body', async () => {
    server = await startRecordedServer([
      {
        path: '/p',
        reply: OK,
        faults: { 1: { kind: 'status', status: 500 }, 2: { kind: 'status', status: 502 } },
      },
    ]);
    const { sleeps, sleep } = recordSleeps();
    const { log, lines } = captureLogger();
    const res = await fetchWithRetry(`${server.origin}/p`, {
      sleep,
      log,
      baseDelayMs: 100,
      random: () => 0.5,
    });
    expect(text(res.body)).toBe('{"ok":true}');
    // full jitter: random * min(max, base * 2^(n-1)) → 0.5*100, 0.5*200
    expect(sleeps).toEqual([50, 100]);
    expect(lines.filter((l) => l.msg === 'http retry').map((l) => l.status)).toEqual([500, 502]);
  });

  it('retries a connection dropped mid-body and returns the complete body', async () => {
    const body = JSON.stringify({ rows: Array.from({ length: 200 }, (_, i) => ({ i })) });
    server = await startRecordedServer([
      { path: '/p', reply: { kind: 'body', body }, faults: { 1: { kind: 'drop', body } } },
    ]);
    const { sleeps, sleep } = recordSleeps();
    const res = await fetchWithRetry(`${server.origin}/p`, { sleep });
    expect(text(res.body)).toBe(body);
    expect(sleeps).toHaveLength(1);
    expect(server.requests).toHaveLength(2);
  });

  it('does not retry a 404', async () => {
    server = await startRecordedServer([{ path: '/p', reply: { kind: 'status', status: 404 } }]);
    const { sleeps, sleep } = recordSleeps();
    const err = await fetchWithRetry(`${server.origin}/p`, { sleep }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(HttpError);
    expect((err as HttpError).status).toBe(404);
    expect((err as HttpError).attempts).toBe(1);
    expect(sleeps).toEqual([]);
    expect(server.requests).toHaveLength(1);
  });

  it('throws HttpError naming the redacted URL, status and attempts when retries run out', async () => {
    server = await startRecordedServer([{ path: '/p', reply: { kind: 'status', status: 503 } }]);
    const { sleep } = recordSleeps();
    const url = `${server.origin}/p?$limit=10&$$app_token=s3cret&token=abc`;
    const err = await fetchWithRetry(url, { sleep, retries: 2 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(HttpError);
    const message = (err as HttpError).message;
    expect(message).toContain(`${server.origin}/p?$limit=10&$$app_token=REDACTED&token=REDACTED`);
    expect(message).toContain('status 503');
    expect(message).toContain('after 3 attempt(s)');
    expect(message).not.toContain('s3cret');
    expect(message).not.toContain('abc');
    expect(server.requests).toHaveLength(3);
  });

  it('times out an attempt that never answers, and retries it', async () => {
    server = await startRecordedServer([
      { path: '/p', reply: OK, faults: { 1: { kind: 'hang' }, 2: { kind: 'hang' } } },
    ]);
    const { sleep } = recordSleeps();
    const err = await fetchWithRetry(`${server.origin}/p`, {
      sleep,
      timeoutMs: 100,
      retries: 1,
    }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(HttpError);
    expect((err as HttpError).message).toMatch(/timeout after 100 ms after 2 attempt\(s\)/);
    const ok = await fetchWithRetry(`${server.origin}/p`, { sleep, timeoutMs: 1000 });
    expect(text(ok.body)).toBe('{"ok":true}');
  });

  it("stops at once when the caller's signal aborts", async () => {
    server = await startRecordedServer([{ path: '/p', reply: { kind: 'hang' } }]);
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    const err = await fetchWithRetry(`${server.origin}/p`, {
      signal: controller.signal,
      retries: 5,
    }).catch((e: unknown) => e);
    expect((err as HttpError).message).toMatch(/aborted after 1 attempt/);
    expect(server.requests).toHaveLength(1);
  });
});

describe('parseRetryAfter', () => {
  it('reads seconds and HTTP dates, and ignores garbage', () => {
    const now = new Date('2024-03-15T12:00:00Z');
    expect(parseRetryAfter('3', now)).toBe(3000);
    expect(parseRetryAfter('Fri, 15 Mar 2024 12:00:30 GMT', now)).toBe(30_000);
    expect(parseRetryAfter('Fri, 15 Mar 2024 11:00:00 GMT', now)).toBe(0);
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter(null, now)).toBeUndefined();
  });
});

describe('backoffDelay', () => {
  it('grows exponentially and is capped', () => {
    expect(backoffDelay(1, 500, 30_000, () => 0.999)).toBe(499);
    expect(backoffDelay(4, 500, 30_000, () => 0.5)).toBe(2000);
    expect(backoffDelay(20, 500, 30_000, () => 0.5)).toBe(15_000);
  });
});

describe('redactUrl', () => {
  it('redacts secret parameters and keeps the rest byte-for-byte', () => {
    expect(redactUrl('https://x/r.json?%24%24app_token=t&%24where=a%20%3E%201')).toBe(
      'https://x/r.json?%24%24app_token=REDACTED&%24where=a%20%3E%201',
    );
    expect(redactUrl('https://x/q?f=json')).toBe('https://x/q?f=json');
  });
});

describe('diffKeys', () => {
  it('lists added and removed keys, sorted', () => {
    expect(diffKeys(['a', 'b', 'c'], ['c', 'd', 'a'])).toEqual({ added: ['d'], removed: ['b'] });
    expect(diffKeys(['a'], ['a'])).toEqual({ added: [], removed: [] });
  });
});
