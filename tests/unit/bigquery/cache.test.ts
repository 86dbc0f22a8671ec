import { describe, expect, it } from 'vitest';
import { withResponseCache } from '@/lib/warehouse/bigquery/cache';
import type { Param, Row, Warehouse } from '@/lib/warehouse/types';

function countingWarehouse() {
  const calls: { sql: string; params: readonly Param[] }[] = [];
  const warehouse: Warehouse & { calls: typeof calls } = {
    dialect: 'bigquery',
    calls,
    async query<T extends Row = Row>(sql: string, params: readonly Param[] = []) {
      calls.push({ sql, params });
      await new Promise((resolve) => setImmediate(resolve)); // a query takes a turn of the loop
      return [{ n: calls.length, sql }] as unknown as T[];
    },
    close: () => Promise.resolve(),
  };
  return warehouse;
}

describe('withResponseCache', () => {
  it('answers a repeated query from the cache, keyed by SQL and params', async () => {
    const inner = countingWarehouse();
    const cache = withResponseCache(inner, { readMarker: () => Promise.resolve('v1') });
    const first = await cache.query('select ?', [1]);
    expect(await cache.query('select ?', [1])).toEqual(first);
    await cache.query('select ?', [2]);
    await cache.query('select ?', ['1']); // a string 1 is another key
    expect(inner.calls).toHaveLength(3);
    expect(cache.stats()).toMatchObject({ hits: 1, misses: 3, size: 3, marker: 'v1' });
  });

  it('evicts the least recently used entry', async () => {
    const inner = countingWarehouse();
    const cache = withResponseCache(inner, {
      readMarker: () => Promise.resolve('v1'),
      maxEntries: 2,
    });
    await cache.query('a');
    await cache.query('b');
    await cache.query('a'); // a is now the most recent
    await cache.query('c'); // evicts b
    await cache.query('a');
    expect(inner.calls.map((c) => c.sql)).toEqual(['a', 'b', 'c']);
    await cache.query('b');
    expect(inner.calls.map((c) => c.sql)).toEqual(['a', 'b', 'c', 'b']);
  });

  it('empties itself when publish_version changes, refreshing the marker in the background', async () => {
    const inner = countingWarehouse();
    let version = 'v1';
    let reads = 0;
    let clock = 0;
    const cache = withResponseCache(inner, {
      readMarker: () => {
        reads += 1;
        return Promise.resolve(version);
      },
      markerTtlMs: 1000,
      now: () => clock,
    });
    await cache.query('q');
    clock = 500;
    await cache.query('q');
    expect(reads).toBe(1); // within the TTL: no marker read at all
    version = 'v2';
    clock = 2000;
    const stale = await cache.query('q'); // served at once while the marker refreshes
    expect(stale).toEqual([{ n: 1, sql: 'q' }]);
    await new Promise((resolve) => setImmediate(resolve));
    expect(reads).toBe(2);
    expect(await cache.query('q')).toEqual([{ n: 2, sql: 'q' }]);
    expect(cache.stats().marker).toBe('v2');
  });

  it('does not cache an answer that started before an invalidation', async () => {
    const inner = countingWarehouse();
    let version = 'v1';
    let clock = 0;
    const cache = withResponseCache(inner, {
      readMarker: () => Promise.resolve(version),
      markerTtlMs: 10,
      now: () => clock,
    });
    await cache.query('warm');
    const slow = cache.query('slow');
    version = 'v2';
    clock = 100;
    await cache.query('warm'); // triggers the refresh while 'slow' runs
    await slow;
    await new Promise((resolve) => setImmediate(resolve));
    await cache.query('slow');
    expect(inner.calls.filter((c) => c.sql === 'slow')).toHaveLength(2);
  });

  it('never caches errors', async () => {
    let fail = true;
    const inner: Warehouse = {
      dialect: 'bigquery',
      query: <T extends Row>() =>
        fail
          ? Promise.reject(new Error('boom'))
          : Promise.resolve([{ ok: true }] as unknown as T[]),
      close: () => Promise.resolve(),
    };
    const cache = withResponseCache(inner, { readMarker: () => Promise.resolve('v1') });
    await expect(cache.query('q')).rejects.toThrow('boom');
    fail = false;
    expect(await cache.query('q')).toEqual([{ ok: true }]);
  });
});
