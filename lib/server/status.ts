/**
 * The status facts as the web server sees them: the warehouse, plus the run log beside a local
 * DuckDB warehouse (failed runs the warehouse does not hold yet).
 */
import 'server-only';
import path from 'node:path';
import { getEnv } from '@/lib/env';
import { getStatus, type StatusResponse } from '@/lib/status';
import { readRuns, runLogPath } from '@/pipeline/run-log';
import { getWarehouse } from './warehouse';

export function getServerStatus(city?: string): Promise<StatusResponse> {
  const env = getEnv();
  const extraRuns =
    env.WAREHOUSE === 'duckdb'
      ? readRuns(
          runLogPath(path.dirname(path.resolve(/* turbopackIgnore: true */ env.DUCKDB_PATH))),
        )
      : [];
  return getStatus(getWarehouse(), { extraRuns, city });
}
