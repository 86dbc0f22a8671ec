/**
 * The routes' answer cache (lib/api/body-cache.ts): one answer per route and parameter set
 * whatever the parameters' order, nothing carried over to a new published file, least recently
 * used out first when the entry or byte bound is reached, and an answer larger than the whole
 * budget never kept.
 */
import { describe, expect, it } from 'vitest';
import { BodyCache, bodyKey } from '@/lib/api/body-cache';

const params = (query: string) => new URLSearchParams(query);

describe('bodyKey', () => {
  it('is one key for the same parameters in any order, and differs by route and value', () => {
    expect(bodyKey('/api/trends', params('city=a&level=ward&type=x&type=y'))).toBe(
      bodyKey('/api/trends', params('type=x&level=ward&city=a&type=y')),
    );
    expect(bodyKey('/api/trends', params('city=a'))).not.toBe(
      bodyKey('/api/heatmap', params('city=a')),
    );
    expect(bodyKey('/api/trends', params('city=a'))).not.toBe(
      bodyKey('/api/trends', params('city=b')),
    );
    // Repeated values are kept, not merged: type=x&type=x is not type=x.
    expect(bodyKey('/api/trends', params('type=x&type=x'))).not.toBe(
      bodyKey('/api/trends', params('type=x')),
    );
  });
});

describe('BodyCache', () => {
  it('answers a repeat from the same file, and nothing from the previous file', () => {
    const cache = new BodyCache();
    expect(cache.get('file-1', 'k')).toBeUndefined();
    cache.set('file-1', 'k', '{"n":1}');
    expect(cache.get('file-1', 'k')).toBe('{"n":1}');
    expect(cache.get('file-2', 'k')).toBeUndefined();
    // The old file's answers are gone, not waiting for its return.
    expect(cache.get('file-1', 'k')).toBeUndefined();
    expect(cache.hits).toBe(1);
    expect(cache.misses).toBe(3);
  });

  it('drops the least recently used answer past the entry bound', () => {
    const cache = new BodyCache({ entries: 2, bytes: 1_000 });
    cache.set('f', 'a', 'A');
    cache.set('f', 'b', 'B');
    expect(cache.get('f', 'a')).toBe('A'); // a is now the most recent
    cache.set('f', 'c', 'C');
    expect(cache.get('f', 'b')).toBeUndefined();
    expect(cache.get('f', 'a')).toBe('A');
    expect(cache.get('f', 'c')).toBe('C');
    expect(cache.size).toBe(2);
  });

  it('keeps the bytes under the bound, replacing an answer counts once, and never keeps one larger than it', () => {
    const cache = new BodyCache({ entries: 100, bytes: 10 });
    cache.set('f', 'a', '12345');
    cache.set('f', 'a', '1234');
    cache.set('f', 'b', '123456');
    expect(cache.get('f', 'a')).toBe('1234');
    expect(cache.get('f', 'b')).toBe('123456');
    cache.set('f', 'c', '12');
    expect(cache.get('f', 'a')).toBeUndefined();
    expect(cache.get('f', 'c')).toBe('12');
    cache.set('f', 'huge', '12345678901');
    expect(cache.get('f', 'huge')).toBeUndefined();
    expect(cache.get('f', 'b')).toBe('123456');
  });
});
