/**
 * DuckDB driver. Two modes:
 * - `openDuckDb(path, { readOnly: false })` for the pipeline, which owns its build file.
 * - `openPublishedDuckDb(path)` for the web server: read-only, and it notices when the pipeline
 *   atomically renames a new file over `path`, opens the new one for new queries and closes the
 *   old one once its in-flight queries finish. On Linux the old file stays readable through its
 *   open handle after the rename, so no request fails during a publish. A published file never
 *   changes, so each one keeps a small cache of its answers: a repeated view costs no query.
 */
import { statSync, writeFileSync } from 'node:fs';
import {
  DuckDBInstance,
  DuckDBTypeId,
  type DuckDBConnection,
  type DuckDBPreparedStatement,
} from '@duckdb/node-api';
import { WarehouseError, type Param, type Row, type Warehouse } from '../types';
import { normalizeRows } from './normalize-rows';
import { getEnv } from '../../env';
import { LruMap } from '../../lru';

type Values = Parameters<DuckDBConnection['runAndReadAll']>[1];

export interface DuckDbWarehouse extends Warehouse {
  /** The raw connection, for the pipeline's appenders. */
  readonly connection: DuckDBConnection;
  run(sql: string, params?: readonly Param[]): Promise<void>;
}

interface Slot {
  connection: DuckDBConnection;
  busy: number;
  /** The connection's last query: the next one starts when it ends. */
  tail: Promise<unknown>;
  /** Statements prepared on this connection, by SQL text (a view runs a few dozen texts). */
  statements: LruMap<string, DuckDBPreparedStatement>;
}

/** Prepared statements each connection keeps. */
const STATEMENTS_PER_CONNECTION = 256;

async function preparedStatement(slot: Slot, sql: string): Promise<DuckDBPreparedStatement> {
  const cached = slot.statements.get(sql);
  if (cached) return cached;
  const statement = await slot.connection.prepare(sql);
  slot.statements.set(sql, statement);
  return statement;
}

export async function openDuckDb(
  path: string,
  options: {
    readOnly?: boolean;
    threads?: number;
    memoryLimit?: string;
    tempDirectory?: string;
    /** Connections to spread concurrent queries over (one connection runs one query at a time). */
    connections?: number;
    /**
     * Rows per row group of the tables this process writes (DuckDB's default is 122,880). It is
     * an option of ATTACH, not of the file, so the file is attached to an in-memory instance and
     * made the default catalog (`USE`); see BUILD_ROW_GROUP_SIZE for why the pipeline sets it.
     */
    rowGroupSize?: number;
  } = {},
): Promise<DuckDbWarehouse> {
  const config: Record<string, string> = {};
  if (options.readOnly) config.access_mode = 'READ_ONLY';
  if (options.threads) config.threads = String(options.threads);
  if (options.memoryLimit) config.memory_limit = options.memoryLimit;
  // Where DuckDB spills when a build outgrows memory_limit.
  if (options.tempDirectory) config.temp_directory = options.tempDirectory;
  const attach = options.rowGroupSize !== undefined && path !== ':memory:';
  if (attach && !(Number.isInteger(options.rowGroupSize) && options.rowGroupSize! > 0)) {
    throw new Error(`not a row group size: ${options.rowGroupSize}`);
  }
  let instance: DuckDBInstance;
  try {
    instance = await DuckDBInstance.create(attach ? ':memory:' : path, config);
  } catch (error) {
    throw translateDuckDbError(error, path);
  }
  const connect = async () => {
    const connection = await instance.connect();
    if (attach) {
      try {
        // A file path is no parameter in ATTACH: quoted as a string literal. USE is per connection.
        const file = `'${path.replaceAll("'", "''")}'`;
        const readOnly = options.readOnly ? ', read_only' : '';
        await connection.run(
          `attach if not exists ${file} as warehouse (row_group_size ${options.rowGroupSize}${readOnly})`,
        );
        await connection.run('use warehouse');
      } catch (error) {
        throw translateDuckDbError(error, path);
      }
    }
    return connection;
  };
  // One after another: the first connection attaches the file, the others find it attached.
  const pool: Slot[] = [];
  for (let i = 0; i < Math.max(1, options.connections ?? 1); i++) {
    pool.push({
      connection: await connect(),
      busy: 0,
      tail: Promise.resolve(),
      statements: new LruMap(STATEMENTS_PER_CONNECTION, (statement) => statement.destroySync()),
    });
  }
  const [first] = pool;
  if (!first) throw new WarehouseError('No DuckDB connection could be opened.', 'unavailable');
  const connection = first.connection;
  // A read-only file never changes under its statements, so each connection keeps the ones it
  // prepared: a view's queries repeat with new parameters, and preparing (parse, bind, plan) is
  // a third of a small query's time (bench/web-profile.ts). A writer's catalog changes: no cache.
  const prepared = options.readOnly === true;
  const exec = (sql: string, params: readonly Param[] = []) => {
    // The least busy connection takes the query; each runs its queries one after another (as
    // DuckDB does), so a cached statement is never bound while it runs.
    const slot = pool.reduce((best, next) => (next.busy < best.busy ? next : best), first);
    slot.busy += 1;
    const result = slot.tail.then(async () => {
      try {
        if (!prepared || params.length === 0) {
          return await slot.connection.runAndReadAll(
            sql,
            params.length ? (params as Values) : undefined,
          );
        }
        const statement = await preparedStatement(slot, sql);
        statement.bind(params as NonNullable<Values>);
        return await statement.runAndReadAll();
      } catch (error) {
        throw translateDuckDbError(error, path);
      } finally {
        slot.busy -= 1;
      }
    });
    slot.tail = result.then(
      () => undefined,
      () => undefined,
    );
    return result;
  };
  return {
    dialect: 'duckdb',
    connection,
    async query<T extends Row = Row>(sql: string, params: readonly Param[] = []) {
      const reader = await exec(sql, params);
      // DATE leaves the driver as YYYY-MM-DD (a JS Date cannot tell a date from midnight).
      const types = reader.columnTypes();
      const dates = reader.columnNames().filter((_, i) => types[i]?.typeId === DuckDBTypeId.DATE);
      return normalizeRows(reader.getRowObjectsJS(), dates) as T[];
    },
    async run(sql: string, params: readonly Param[] = []) {
      await exec(sql, params);
    },
    close() {
      for (const slot of pool) {
        for (const statement of slot.statements.values()) statement.destroySync();
        slot.connection.closeSync();
      }
      instance.closeSync();
      return Promise.resolve();
    },
  };
}

export function translateDuckDbError(error: unknown, path: string): WarehouseError {
  const message = error instanceof Error ? error.message : String(error);
  if (/Could not set lock|Conflicting lock/i.test(message)) {
    return new WarehouseError(
      `The warehouse ${path} is locked by another process.`,
      'unavailable',
      {
        cause: error,
      },
    );
  }
  if (/No such file|does not exist|Cannot open database/i.test(message)) {
    return new WarehouseError(
      `The warehouse ${path} does not exist yet: run \`npm run pipeline\` first.`,
      'not-found',
      { cause: error },
    );
  }
  if (/Catalog Error/i.test(message)) {
    return new WarehouseError('The warehouse has no such table or column.', 'not-found', {
      cause: error,
    });
  }
  if (/Parser Error|Binder Error|Conversion Error/i.test(message)) {
    return new WarehouseError('The query could not run on this warehouse.', 'bad-query', {
      cause: error,
    });
  }
  return new WarehouseError('The warehouse failed to answer.', 'unknown', { cause: error });
}

interface Generation {
  warehouse: DuckDbWarehouse;
  inode: string;
  inFlight: number;
  retired: boolean;
  /** Answers already computed from this file; a published file never changes, so never stale. */
  cache: LruMap<string, Row[]>;
}

/**
 * Connections per published file: DuckDB runs one query per connection at a time, each on up to
 * `threads` cores. DUCKDB_CONNECTIONS (lib/env.ts, default 2) sets it; the web bench measures the
 * choice.
 */
function serverConnections(): number {
  return getEnv().DUCKDB_CONNECTIONS;
}

/**
 * DuckDB threads of the web server's instance: one. The server's queries are small and many run
 * at once (one per connection), so a query split over threads only adds the threads' hand-offs:
 * on the 1 M-row bench warehouse, 50 concurrent varied views cost 10 ms of CPU per map view with
 * one thread against 15 ms with two (bench/web-profile.ts, 2 connections). DUCKDB_THREADS
 * (lib/env.ts, default 1) overrides it; a bad value stops the server naming it.
 */
function serverThreads(): number {
  return getEnv().DUCKDB_THREADS;
}

/** Answers served from the per-file cache and queries run, since the process started. */
const cacheStats = { hits: 0, misses: 0 };
let statsTimer: ReturnType<typeof setTimeout> | undefined;

export function answerCacheStats(): { hits: number; misses: number } {
  return { ...cacheStats };
}

/** Counts one lookup; with DUCKDB_CACHE_STATS_FILE set, writes the counts there (≤ 10 per s). */
function countLookup(hit: boolean): void {
  if (hit) cacheStats.hits += 1;
  else cacheStats.misses += 1;
  const file = process.env.DUCKDB_CACHE_STATS_FILE;
  if (!file || statsTimer) return;
  statsTimer = setTimeout(() => {
    statsTimer = undefined;
    try {
      writeFileSync(file, JSON.stringify(cacheStats));
    } catch {
      // A figure for the bench only: never a reason to fail a request.
    }
  }, 100);
  statsTimer.unref();
}
/** Distinct answers kept per published file (they are small pre-aggregated results). */
const CACHE_ENTRIES = 500;

/** How often the server looks for a newly published file, at most. */
const STAT_INTERVAL_MS = 500;

export function openPublishedDuckDb(path: string): Warehouse {
  let current: Generation | undefined;
  let opening: Promise<Generation> | undefined;
  let lastStat = 0;
  let closed = false;

  const fileId = () => {
    const stat = statSync(path, { bigint: true });
    return `${stat.dev}:${stat.ino}:${stat.mtimeNs}`;
  };

  const retire = (generation: Generation) => {
    generation.retired = true;
    if (generation.inFlight === 0) void generation.warehouse.close();
  };

  const acquire = async (): Promise<Generation> => {
    if (closed) throw new WarehouseError('The warehouse is closed.', 'unavailable');
    const now = Date.now();
    if (current && now - lastStat < STAT_INTERVAL_MS) return current;
    lastStat = now;
    let id: string;
    try {
      id = fileId();
    } catch (error) {
      if (current) return current; // mid-rename: keep serving the last good file
      throw translateDuckDbError(error, path);
    }
    if (current && current.inode === id) return current;
    opening ??= (async () => {
      try {
        const warehouse = await openDuckDb(path, {
          readOnly: true,
          connections: serverConnections(),
          threads: serverThreads(),
        });
        const next: Generation = {
          warehouse,
          inode: id,
          inFlight: 0,
          retired: false,
          cache: new LruMap(CACHE_ENTRIES),
        };
        const previous = current;
        current = next;
        if (previous) retire(previous);
        return next;
      } finally {
        opening = undefined;
      }
    })();
    try {
      return await opening;
    } catch (error) {
      if (current) return current;
      throw error;
    }
  };

  return {
    dialect: 'duckdb',
    async query<T extends Row = Row>(sql: string, params: readonly Param[] = []) {
      const generation = await acquire();
      const key = `${sql}\u0000${JSON.stringify(params)}`;
      const cached = generation.cache.get(key);
      countLookup(cached !== undefined);
      if (cached) return cached.map((row) => ({ ...row })) as T[];
      generation.inFlight += 1;
      try {
        const rows = await generation.warehouse.query<T>(sql, params);
        generation.cache.set(
          key,
          rows.map((row) => ({ ...row })),
        );
        return rows;
      } finally {
        generation.inFlight -= 1;
        if (generation.retired && generation.inFlight === 0) void generation.warehouse.close();
      }
    },
    async generation() {
      return (await acquire()).inode;
    },
    async close() {
      closed = true;
      if (current) retire(current);
      current = undefined;
      return Promise.resolve();
    },
  };
}
