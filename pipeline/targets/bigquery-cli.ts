/**
 * `npm run pipeline -- --target bigquery`: the same run (lake, contract, quality, spatial join in
 * the local DuckDB build), then each city's new and changed records are exported as Parquet and
 * published to BigQuery by BigQueryTarget (GCS lake, load job, MERGE on the affected partitions,
 * marts for the affected months, run row). Prints the bytes each BigQuery step scanned.
 */
import { mkdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { Storage } from '@google-cloud/storage';
import { parseEnv } from '@/lib/env';
import { bigQueryConfigFromEnv } from '@/lib/warehouse/bigquery/config';
import { openBigQuery } from '@/lib/warehouse/bigquery/connection';
import { openDuckDb } from '@/lib/warehouse/duckdb/connection';
import type { Row } from '@/lib/warehouse/types';
import type { Logger } from '../log';
import type { PipelineResult } from '../types';
import { literal } from '../sql-text';
import {
  BigQueryTarget,
  MART_TABLES,
  type DimAreaRow,
  type DimCityRow,
  type MartTable,
} from './bigquery';

/**
 * The new and changed records of a run (they carry its run id), every column of fact_requests
 * in schema.sql order, as BigQuery's fact_requests has them. $1 city, $2 run id.
 */
export const FACT_EXPORT_SQL = 'select * from fact_requests where city = $1 and run_id = $2';

/**
 * A mart's rows as the DuckDB build computed them: the months BigQuery's merge touched ($2, ISO
 * dates joined by commas), or the whole city for mart_anomaly (rebuilt whole every run). $1 city.
 */
export function martExport(
  table: MartTable,
  city: string,
  months: readonly string[],
): { sql: string; params: string[] } {
  if (table === 'mart_anomaly')
    return { sql: `select * from ${table} where city = $1`, params: [city] };
  return {
    sql: `select * from ${table} where city = $1 and list_contains(string_split($2, ','), strftime(month, '%Y-%m-%d'))`,
    params: [city, months.map((m) => m.slice(0, 10)).join(',')],
  };
}

export class BigQueryConfigError extends Error {
  override name = 'BigQueryConfigError';
}

export async function publishToBigQuery(
  result: PipelineResult,
  options: {
    rootDir: string;
    log: Logger;
    /** Tests and emulators only: a local endpoint and its auth stand-in. */
    apiEndpoint?: string;
    deps?: Parameters<typeof openBigQuery>[1];
  },
): Promise<void> {
  const env = parseEnv({ ...process.env, WAREHOUSE: 'bigquery' });
  if (!env.GCS_BUCKET)
    throw new BigQueryConfigError('GCS_BUCKET is required for --target bigquery');
  const warehouse = openBigQuery(
    bigQueryConfigFromEnv(env, 'pipeline', options.apiEndpoint),
    options.deps,
  );
  const storage = new Storage({
    projectId: env.BIGQUERY_PROJECT,
    ...(options.apiEndpoint ? { apiEndpoint: options.apiEndpoint } : {}),
  });
  const target = new BigQueryTarget({
    warehouse,
    storage,
    bucket: env.GCS_BUCKET,
    log: options.log,
  });
  const exportDir = path.join(path.dirname(result.published), 'tmp', `bigquery-${result.runId}`);
  await mkdir(exportDir, { recursive: true });
  const db = await openDuckDb(result.published, { readOnly: true });
  try {
    for (const summary of result.cities) {
      const city = summary.city;
      // Rows this run inserted carry its run id: exactly the new and changed records.
      const facts = path.join(exportDir, `${city}-fact_requests.parquet`);
      const areas = path.join(exportDir, `${city}-fact_request_area.parquet`);
      await db.run(`copy (${FACT_EXPORT_SQL}) to ${literal(facts)} (format parquet)`, [
        city,
        result.runId,
      ]);
      await db.run(
        `copy (select a.* from fact_request_area a join fact_requests f using (city, request_id)
               where f.city = ? and f.run_id = ?)
         to ${literal(areas)} (format parquet)`,
        [city, result.runId],
      );
      const lake = await db.query<{ path: string; name: string; source: string }>(
        'select path, name, source from lake_files where city = ? and run_id = ?',
        [city, result.runId],
      );
      const [run] = await db.query<Record<string, string | number | null>>(
        `select run_id, city, source, strftime(started, '%Y-%m-%dT%H:%M:%S') as started,
           strftime(finished, '%Y-%m-%dT%H:%M:%S') as finished, status, rows_read, rows_loaded,
           rows_quarantined, rows_superseded, rows_unchanged, months_rebuilt, watermark, drift, error,
           step
         from pipeline_runs where run_id = ? and city = ?`,
        [result.runId, city],
      );
      if (!run) continue;
      const steps = await target.publish({
        run: run as never,
        lakeFiles: lake.map((file) => ({
          localPath: path.join(options.rootDir, file.path),
          name: `source=${file.source}/${path.basename(file.path)}`,
        })),
        factParquet: [facts],
        areaParquet: [areas],
        martParquet: async (months) => {
          const files = {} as Record<MartTable, string[]>;
          for (const table of MART_TABLES) {
            const file = path.join(exportDir, `${city}-${table}.parquet`);
            const part = martExport(table, city, months);
            await db.run(`copy (${part.sql}) to ${literal(file)} (format parquet)`, part.params);
            files[table] = [file];
          }
          return files;
        },
      });
      const [dimCity] = await db.query<DimCityRow & Row>(
        `select city, name, kind, timezone, has_resolution, has_sla,
           strftime(first_month, '%Y-%m-%d') as first_month, strftime(last_month, '%Y-%m-%d') as last_month,
           freshness, rows_loaded
         from dim_city where city = ?`,
        [city],
      );
      const dimAreas = await db.query<DimAreaRow & Row>(
        'select level, area_key, area_name, population from dim_area where city = ? order by level, area_key',
        [city],
      );
      if (dimCity) steps.push(await target.replaceDimensions(dimCity, dimAreas));
      console.error(`\nBigQuery publish for ${city}`);
      console.table(
        steps.map((s) => ({
          step: s.step,
          'bytes scanned': s.bytesProcessed,
          'bytes billed': s.bytesBilled,
          detail: s.detail ?? '',
        })),
      );
    }
  } finally {
    await db.close();
    await rm(exportDir, { recursive: true, force: true });
  }
}
