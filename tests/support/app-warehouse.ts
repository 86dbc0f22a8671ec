/**
 * A warehouse built by the real pipeline from every city's bundled sample, opened the way the
 * app opens it, for the query integration tests. Nothing is mocked.
 */
import { loadCities } from '@/lib/cities';
import { openPublishedDuckDb } from '@/lib/warehouse/duckdb/connection';
import type { Warehouse } from '@/lib/warehouse/types';
import { sandbox, type Sandbox } from './pipeline';

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
