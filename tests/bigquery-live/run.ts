/**
 * Live BigQuery check, outside vitest: `tsx tests/bigquery-live/run.ts`.
 * Needs Application Default Credentials and BIGQUERY_PROJECT (plus BIGQUERY_DATASET,
 * BIGQUERY_LOCATION); without them it prints "skipped: no Google credentials" and exits 0.
 * With them: compares mart_area_month totals per month between the DuckDB warehouse
 * (DUCKDB_PATH) and BigQuery, after `npm run pipeline -- --target bigquery` has published the
 * same data. Exits 1 on any difference.
 */
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { parseEnv } from '@/lib/env';
import { bigQueryConfigFromEnv } from '@/lib/warehouse/bigquery/config';
import { openBigQuery } from '@/lib/warehouse/bigquery/connection';
import { openDuckDb } from '@/lib/warehouse/duckdb/connection';

function hasAdc(): boolean {
  if (process.env.GOOGLE_APPLICATION_CREDENTIALS) return true; // set by the platform, not by us
  const gcloud = join(
    process.env.CLOUDSDK_CONFIG ?? join(homedir(), '.config', 'gcloud'),
    'application_default_credentials.json',
  );
  return existsSync(gcloud) || Boolean(process.env.K_SERVICE ?? process.env.CLOUD_RUN_JOB);
}

const MONTHLY = `SELECT city, CAST(month AS STRING) AS month, SUM(opened) AS opened, SUM(closed) AS closed,
  SUM(res_n) AS res_n, ROUND(SUM(res_hours_sum), 3) AS res_hours_sum
FROM mart_area_month WHERE level = '_city' GROUP BY 1, 2 ORDER BY 1, 2`;

async function main(): Promise<number> {
  if (!process.env.BIGQUERY_PROJECT || !hasAdc()) {
    console.log('skipped: no Google credentials');
    return 0;
  }
  const env = parseEnv({ ...process.env, WAREHOUSE: 'bigquery' });
  const bigquery = openBigQuery(bigQueryConfigFromEnv(env, 'pipeline'));
  const duck = await openDuckDb(env.DUCKDB_PATH, { readOnly: true });
  try {
    const [expected, actual] = await Promise.all([
      duck.query(MONTHLY.replace('CAST(month AS STRING)', "strftime(month, '%Y-%m-%d')")),
      bigquery.query(MONTHLY),
    ]);
    const a = JSON.stringify(expected);
    const b = JSON.stringify(actual);
    if (a !== b) {
      console.error('mart_area_month differs between DuckDB and BigQuery');
      console.error(`duckdb:   ${a.slice(0, 2000)}`);
      console.error(`bigquery: ${b.slice(0, 2000)}`);
      return 1;
    }
    console.log(`ok: ${expected.length} city-months match`);
    return 0;
  } finally {
    await duck.close();
    await bigquery.close();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
