/**
 * The warehouse registry: picks a driver from configuration. A new driver must be added to the
 * switch; the default branch throws so none can be forgotten.
 */
import type { ServerEnv } from '../env';
import { openPublishedDuckDb } from './duckdb/connection';
import type { Warehouse } from './types';

export type { Warehouse, Row, Param, JsonScalar, DialectId } from './types';
export { WarehouseError } from './types';

export function openWarehouse(env: ServerEnv): Warehouse {
  switch (env.WAREHOUSE) {
    case 'duckdb':
      return openPublishedDuckDb(env.DUCKDB_PATH);
    case 'bigquery':
      throw new Error('WAREHOUSE=bigquery: the BigQuery driver is not wired yet.');
    default: {
      const unknown: never = env.WAREHOUSE;
      throw new Error(`Unknown WAREHOUSE ${String(unknown)}`);
    }
  }
}
