/**
 * The run log: `data/runs.jsonl` beside the published warehouse, one JSON line per run and city,
 * success or failure. A failed run publishes nothing (its build is thrown away) and cannot write
 * into the published warehouse either (the web server holds it open, and DuckDB allows one
 * writer), so its record goes here, appended with O_APPEND in one write per line. The next
 * successful run copies the failures into `pipeline_runs`, so the published warehouse holds
 * them too. A line torn by a kill is skipped when read, never fatal.
 *
 * The quarantined rows of a failed run are kept in `data/failed/<run>/quarantine.parquet`.
 */
import { appendFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { appendFile, mkdir } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';

export const runRecordSchema = z.object({
  run_id: z.string(),
  city: z.string(),
  source: z.string(),
  started: z.string(),
  finished: z.string(),
  status: z.enum(['success', 'failed']),
  /** Failed runs: the step that failed ("load <file>", "quality gate", "data tests", ...). */
  step: z.string().nullable(),
  rows_read: z.number(),
  rows_loaded: z.number(),
  rows_quarantined: z.number(),
  rows_superseded: z.number(),
  watermark: z.string().nullable(),
  error: z.string().nullable(),
  /** Failed runs: where the run's quarantined rows were kept (relative to the data folder). */
  quarantine_file: z.string().nullable(),
});
export type RunRecord = z.infer<typeof runRecordSchema>;

export function runLogPath(dataDir: string): string {
  return path.join(dataDir, 'runs.jsonl');
}

export function failedDir(dataDir: string, runId: string): string {
  return path.join(dataDir, 'failed', runId);
}

export async function appendRuns(file: string, records: RunRecord[]): Promise<void> {
  if (records.length === 0) return;
  await mkdir(path.dirname(file), { recursive: true });
  await appendFile(file, records.map((r) => `${JSON.stringify(r)}\n`).join(''), { flag: 'a' });
}

/** For a signal handler: the process exits right after, so no promise would settle. */
export function appendRunsSync(file: string, records: RunRecord[]): void {
  mkdirSync(path.dirname(file), { recursive: true });
  appendFileSync(file, records.map((r) => `${JSON.stringify(r)}\n`).join(''));
}

export function readRuns(file: string): RunRecord[] {
  if (!existsSync(file)) return [];
  const records: RunRecord[] = [];
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    if (!line.trim()) continue;
    try {
      const parsed = runRecordSchema.safeParse(JSON.parse(line));
      if (parsed.success) records.push(parsed.data);
    } catch {
      // A line cut short by a kill: the rest of the log still counts.
    }
  }
  return records;
}

/** The most recent failed run of each city, newest first. */
export function lastFailures(records: RunRecord[]): RunRecord[] {
  const byCity = new Map<string, RunRecord>();
  for (const record of records) {
    if (record.status !== 'failed') continue;
    const seen = byCity.get(record.city);
    if (!seen || record.finished >= seen.finished) byCity.set(record.city, record);
  }
  return [...byCity.values()].sort((a, b) => b.finished.localeCompare(a.finished));
}
