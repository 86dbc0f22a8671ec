/**
 * One warehouse per server process. The DuckDB driver reopens the file itself when the pipeline
 * publishes a new one, so the singleton never needs replacing.
 */
import 'server-only';
import { getEnv } from '@/lib/env';
import { openWarehouse } from '@/lib/warehouse';
import type { Warehouse } from '@/lib/warehouse/types';

const globalForWarehouse = globalThis as unknown as { atlasWarehouse?: Warehouse };

export function getWarehouse(): Warehouse {
  globalForWarehouse.atlasWarehouse ??= openWarehouse(getEnv(), 'web');
  return globalForWarehouse.atlasWarehouse;
}
