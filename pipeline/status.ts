/**
 * `npm run pipeline -- --status`: recent runs, freshness and quarantine counts per city, read
 * from the published warehouse (read-only, so it is safe while the server runs), and the last
 * failed run of each city, read from the run log beside it (a failed run publishes nothing).
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { UNMAPPED_CATEGORY } from '@/lib/categories';
import { openDuckDb } from '@/lib/warehouse/duckdb/connection';
import { listRejected } from './lake';
import { lastFailures, readRuns, runLogPath } from './run-log';

export async function printStatus(warehousePath: string): Promise<void> {
  if (!existsSync(warehousePath)) {
    console.log(`No warehouse at ${warehousePath} yet: run \`npm run pipeline\`.`);
    printFailures(warehousePath);
    return;
  }
  const db = await openDuckDb(warehousePath, { readOnly: true });
  try {
    const cities = await db.query(
      `select c.city, c.rows_loaded as requests, c.freshness, strftime(c.last_month, '%Y-%m') as last_month,
         (select count(*) from quarantine q where q.city = c.city) as quarantined,
         (select strftime(max(finished), '%Y-%m-%d %H:%M') from pipeline_runs r where r.city = c.city) as last_run
       from dim_city c order by c.city`,
    );
    console.log('Cities');
    console.table(cities);
    const reasons = await db.query(
      `select city, reason, count(*) as rows from quarantine group by all order by city, rows desc`,
    );
    console.log('Quarantine by reason');
    console.table(reasons);
    const unmapped = await db.query(
      `select city, type, coalesce(type_group, '') as "group", count(*) as rows,
         round(100.0 * count(*) / any_value(c.rows_loaded), 2) as pct_of_city
       from fact_requests f join dim_city c using (city)
       where f.category = ? group by city, type, type_group order by city, rows desc limit 50`,
      [UNMAPPED_CATEGORY],
    );
    console.log(
      unmapped.length
        ? 'Unmapped types (no crosswalk rule places them; npm run crosswalk -- <city> proposes rows)'
        : 'Unmapped types: none',
    );
    if (unmapped.length) console.table(unmapped);
    const runs = await db.query(
      `select run_id, city, source, status, rows_read, rows_loaded, rows_quarantined, rows_superseded,
         months_rebuilt, strftime(finished, '%Y-%m-%d %H:%M:%S') as finished, coalesce(drift, '') as drift
       from pipeline_runs order by started desc, city limit 20`,
    );
    console.log('Recent runs');
    console.table(runs);
    await printRejectedInputs(path.join(path.dirname(warehousePath), 'lake'));
  } finally {
    await db.close();
  }
  printFailures(warehousePath);
}

/** The last failed run of each city, from data/runs.jsonl: step, reason, where its rows are. */
function printFailures(warehousePath: string): void {
  const dataDir = path.dirname(path.resolve(warehousePath));
  const failures = lastFailures(readRuns(runLogPath(dataDir)));
  console.log('Last failed run per city');
  if (failures.length === 0) {
    console.log('  none');
    return;
  }
  console.table(
    failures.map((f) => ({
      city: f.city,
      run_id: f.run_id,
      finished: f.finished.replace('T', ' '),
      step: f.step,
      read: f.rows_read,
      loaded: f.rows_loaded,
      quarantined: f.rows_quarantined,
      reason: f.error && f.error.length > 160 ? `${f.error.slice(0, 157)}...` : f.error,
      kept: f.quarantine_file ? shortPath(path.join(dataDir, f.quarantine_file)) : '',
    })),
  );
}

function shortPath(file: string): string {
  const relative = path.relative(process.cwd(), file);
  return relative.startsWith('..') ? file : relative;
}

/** Inputs the contract rejected, moved to lake/rejected/ with their reason (h-b). */
export async function printRejectedInputs(lakeDir: string): Promise<void> {
  const rejected = await listRejected(lakeDir);
  if (rejected.length === 0) return;
  console.log(`Rejected inputs (${path.join(lakeDir, 'rejected')})`);
  console.table(rejected.slice(-20));
}
