/**
 * Stage "prepare build": stale scratch from killed runs is removed; for --full, a city's loaded
 * state is emptied and what it landed before is listed for replay.
 */
import { readdir, rm } from 'node:fs/promises';
import path from 'node:path';

/** Build files left by a killed run are garbage: the published file is the truth. */
export async function cleanStaleBuilds(tmpDir: string, keep: string): Promise<void> {
  for (const name of await readdir(tmpDir)) {
    const file = path.join(tmpDir, name);
    // unpack-/rest-: scratch copies of compressed inputs and of CSV tails (pipeline/staging.ts).
    const scratch = ['build-', 'spill-', 'unpack-', 'rest-'].some((p) => name.startsWith(p));
    if (scratch && !file.startsWith(keep)) {
      await rm(file, { force: true, recursive: true });
    }
  }
}

/**
 * Tables holding a city's loaded state, emptied for that city by --full. `source_state` stays:
 * the live watermark says what the portal has already given, and every page it gave is in the
 * lake and replayed.
 */
export const CITY_TABLES = [
  'fact_requests',
  'fact_request_area',
  'mart_area_month',
  'mart_resolution_hist',
  'mart_patterns',
  'mart_anomaly',
  'mart_area_month_type',
  'mart_area_month_category',
  'mart_area_month_total',
  'mart_resolution_hist_total',
  'mart_models',
  'quarantine',
  'lake_files',
  'source_columns',
  'dim_area',
  'dim_city',
] as const;
