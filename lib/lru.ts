/**
 * A Map kept in least-recently-used order with at most `max` entries: `get` moves a hit to the
 * end, `set` drops the oldest entries past the bound and hands each to `onEvict` (to free a
 * native handle, say). The one LRU the caches over the warehouse share: each DuckDB
 * connection's prepared statements, the answers per published file, the BigQuery response cache.
 * (lib/api/body-cache.ts also bounds bytes, so it keeps its own.)
 */
export class LruMap<K, V> {
  private readonly entries = new Map<K, V>();

  constructor(
    private readonly max: number,
    private readonly onEvict?: (value: V, key: K) => void,
  ) {
    if (!(Number.isInteger(max) && max > 0)) throw new Error(`not an LRU size: ${max}`);
  }

  get(key: K): V | undefined {
    const value = this.entries.get(key);
    if (value !== undefined) {
      this.entries.delete(key);
      this.entries.set(key, value);
    }
    return value;
  }

  set(key: K, value: V): void {
    this.entries.delete(key);
    this.entries.set(key, value);
    for (const [oldest, evicted] of this.entries) {
      if (this.entries.size <= this.max) break;
      this.entries.delete(oldest);
      this.onEvict?.(evicted, oldest);
    }
  }

  clear(): void {
    this.entries.clear();
  }

  values(): IterableIterator<V> {
    return this.entries.values();
  }

  get size(): number {
    return this.entries.size;
  }
}
