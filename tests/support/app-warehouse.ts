/**
 * A warehouse built by the real pipeline from the cities' bundled samples, opened the way the
 * app opens it, for the query integration tests. Nothing is mocked.
 *
 * `appWarehouseSuite(cities)` is the one setup the query tests share: it registers the build and
 * the close as the file's beforeAll/afterAll, and builds each set of cities once per state of
 * the inputs (pipeline, lib, config and data files, by path, size and time), in the system temp
 * dir. Every test file (each runs in its own process) that asks for the same cities reads the
 * same file, read-only, instead of running the pipeline again. `buildAppWarehouse` builds a
 * private one, for a test that writes to it.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import type { CitySummary } from '@/lib/api/types';
import { loadCities } from '@/lib/cities';
import { getCities } from '@/lib/queries/cities';
import { type View } from '@/lib/view';
import { parseView } from '@/lib/view/schema';
import { openPublishedDuckDb } from '@/lib/warehouse/duckdb/connection';
import type { Warehouse } from '@/lib/warehouse/types';
import { readOnlyQuery, ROOT, sandbox, type Sandbox } from './pipeline';

export const ALL_CITIES = [...loadCities().keys()];

export interface AppWarehouse {
  box: Sandbox;
  wh: Warehouse;
  close(): Promise<void>;
}

export async function buildAppWarehouse(cities: readonly string[] = ALL_CITIES) {
  const box = sandbox([...cities]);
  await box.run();
  const wh = openPublishedDuckDb(box.warehouse);
  return {
    box,
    wh,
    async close() {
      await wh.close();
      box.cleanup();
    },
  } satisfies AppWarehouse;
}

/** What the pipeline reads: a change to any of these files is a new warehouse. */
const INPUTS = ['pipeline', 'lib', 'config', 'data/samples', 'data/reference', 'data/boundaries'];
const CACHE_DIR = path.join(tmpdir(), 'atlas311-app-warehouses');
/** Shared warehouses older than this are removed when a new one is built. */
const CACHE_MAX_AGE_MS = 6 * 3600_000;

function hashTree(hash: ReturnType<typeof createHash>, dir: string): void {
  if (!existsSync(dir)) return;
  for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) =>
    a.name.localeCompare(b.name),
  )) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) hashTree(hash, full);
    else if (entry.isFile()) {
      const stat = statSync(full);
      hash.update(`${path.relative(ROOT, full)}\0${stat.size}\0${stat.mtimeMs}\n`);
    }
  }
}

function inputsKey(cities: readonly string[]): string {
  const hash = createHash('sha256');
  hash.update(`${[...cities].sort().join(',')}\n`);
  for (const dir of INPUTS) hashTree(hash, path.join(ROOT, dir));
  return hash.digest('hex').slice(0, 16);
}

/** A read-only Sandbox over an already built warehouse directory. */
function builtSandbox(dir: string): Sandbox {
  const warehouse = path.join(dir, 'warehouse.duckdb');
  return {
    dir,
    warehouse,
    lake: path.join(dir, 'lake'),
    run: () => Promise.reject(new Error('a shared test warehouse is read-only')),
    query: readOnlyQuery(warehouse),
    cleanup: () => undefined,
  };
}

function removeStale(): void {
  for (const entry of readdirSync(CACHE_DIR)) {
    const full = path.join(CACHE_DIR, entry);
    try {
      if (Date.now() - statSync(full).mtimeMs > CACHE_MAX_AGE_MS) {
        rmSync(full, { recursive: true, force: true });
      }
    } catch {
      // Another process removed it first.
    }
  }
}

/**
 * The shared warehouse of `cities`: built into a private sandbox and renamed into the cache
 * when done, so a reader never sees a half-built file. Two processes building the same one at
 * once both finish; the first rename wins and the other build is dropped.
 */
export async function sharedAppWarehouse(cities: readonly string[]): Promise<AppWarehouse> {
  mkdirSync(CACHE_DIR, { recursive: true });
  const dir = path.join(CACHE_DIR, inputsKey(cities));
  if (!existsSync(path.join(dir, 'warehouse.duckdb'))) {
    removeStale();
    const box = sandbox([...cities]);
    await box.run();
    try {
      renameSync(box.dir, dir);
    } catch {
      box.cleanup();
      if (!existsSync(path.join(dir, 'warehouse.duckdb'))) throw new Error(`no warehouse ${dir}`);
    }
  }
  const box = builtSandbox(dir);
  const wh = openPublishedDuckDb(box.warehouse);
  return { box, wh, close: () => wh.close() };
}

/** A view from URL parameters, or a thrown error naming what parseView refused. */
export function viewOf(query: Record<string, string> | string): View {
  const parsed = parseView(new URLSearchParams(query));
  if (!parsed.ok) throw new Error(parsed.error);
  return parsed.view;
}

export interface AppWarehouseSuite {
  /** The warehouse and its sandbox (set once beforeAll has run). */
  readonly app: AppWarehouse;
  /** Every city as /api/cities answers it on that warehouse. */
  readonly cities: CitySummary[];
}

/**
 * The query tests' setup: the shared warehouse of `cities` opened in beforeAll (with the time a
 * first build needs) and closed in afterAll.
 */
export function appWarehouseSuite(cities: readonly string[] = ALL_CITIES): AppWarehouseSuite {
  let app: AppWarehouse | undefined;
  let summaries: CitySummary[] = [];
  beforeAll(async () => {
    app = await sharedAppWarehouse(cities);
    summaries = (await getCities(app.wh)).cities;
  }, 300_000);
  afterAll(() => app?.close());
  return {
    get app() {
      if (!app) throw new Error('the warehouse is opened in beforeAll');
      return app;
    },
    get cities() {
      return summaries;
    },
  };
}
