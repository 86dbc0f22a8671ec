/**
 * The identity of the published warehouse, the same one the DuckDB driver keys its answer cache
 * on (lib/warehouse/duckdb/connection.ts: device, inode and mtime of the file, which the
 * pipeline replaces by atomic rename), with the time it was published. Answers derived from one
 * publish (feeds, their ETag and Last-Modified) are cached under it. BigQuery has no file: the
 * identity is then null and callers derive it from the data.
 */
import 'server-only';
import { statSync } from 'node:fs';
import { getEnv } from '@/lib/env';

export interface WarehouseIdentity {
  id: string;
  published: Date;
}

export function publishedIdentity(): WarehouseIdentity | null {
  const env = getEnv();
  if (env.WAREHOUSE !== 'duckdb') return null;
  try {
    const stat = statSync(env.DUCKDB_PATH, { bigint: true });
    return {
      id: `${stat.dev}:${stat.ino}:${stat.mtimeNs}`,
      published: new Date(Number(stat.mtimeMs)),
    };
  } catch {
    return null;
  }
}
