/**
 * Pick the SQL dialect of a warehouse. The default branch throws, so a new DialectId that is
 * not wired here fails at compile time (never) and at run time (loudly).
 */
import type { DialectId } from '../types';
import { bigqueryDialect } from './bigquery';
import { duckdbDialect } from './duckdb';
import type { Dialect } from './types';

export type { Dialect, MergeSpec } from './types';
export { PERCENTILE_RANK_TOLERANCE } from './bigquery';

export function getDialect(id: DialectId): Dialect {
  switch (id) {
    case 'duckdb':
      return duckdbDialect;
    case 'bigquery':
      return bigqueryDialect;
    default: {
      const unknown: never = id;
      throw new Error(`Unknown warehouse dialect: ${String(unknown)}`);
    }
  }
}
