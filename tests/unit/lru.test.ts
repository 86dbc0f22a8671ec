import { describe, expect, it } from 'vitest';
import { LruMap } from '@/lib/lru';

describe('LruMap', () => {
  it('drops the least recently used entry past its bound, a read counting as a use', () => {
    const evicted: string[] = [];
    const lru = new LruMap<string, number>(2, (value, key) => evicted.push(`${key}=${value}`));
    lru.set('a', 1);
    lru.set('b', 2);
    expect(lru.get('a')).toBe(1); // a is now the most recent
    lru.set('c', 3);
    expect(evicted).toEqual(['b=2']);
    expect(lru.get('b')).toBeUndefined();
    expect([...lru.values()]).toEqual([1, 3]);
    expect(lru.size).toBe(2);
  });

  it('replaces a key without evicting and makes it the most recent', () => {
    const evicted: string[] = [];
    const lru = new LruMap<string, number>(2, (_, key) => evicted.push(key));
    lru.set('a', 1);
    lru.set('b', 2);
    lru.set('a', 10);
    lru.set('c', 3);
    expect(evicted).toEqual(['b']);
    expect(lru.get('a')).toBe(10);
  });

  it('empties on clear and refuses a size that is no positive integer', () => {
    const lru = new LruMap<string, number>(3);
    lru.set('a', 1);
    lru.clear();
    expect(lru.size).toBe(0);
    expect(() => new LruMap(0)).toThrow(/not an LRU size/);
  });
});
