/**
 * `npm run pipeline -- --status`: recent runs, freshness and quarantine counts per city, read
 * from the published warehouse (read-only, so it is safe while the server runs).
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { openDuckDb } from '@/lib/warehouse/duckdb/connection';
import { listRejected } from './lake';

export async function printStatus(warehousePath: string): Promise<void> {
  if (!existsSync(warehousePath)) {
    console.log(`No warehouse at ${warehousePath} yet: run \`npm run pipeline\`.`);
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
}

/** Inputs the contract rejected, moved to lake/rejected/ with their reason (h-b). */
export async function printRejectedInputs(lakeDir: string): Promise<void> {
  const rejected = await listRejected(lakeDir);
  if (rejected.length === 0) return;
  console.log(`Rejected inputs (${path.join(lakeDir, 'rejected')})`);
  console.table(rejected.slice(-20));
}
