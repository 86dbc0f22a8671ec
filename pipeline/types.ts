/**
 * What a pipeline run is asked to do and what it answers: the options and result types, in a
 * module of their own so that the orchestrator (run.ts), its stages and its callers (cli.ts,
 * extract-live.ts, the BigQuery target, tests, bench) share them without importing one another.
 */
import type { CityConfig } from '@/lib/cities';
import type { Drift } from './layouts';
import type { Logger, StepRunner } from './log';

export type SourceMode = 'sample' | 'live' | 'file';

export interface PipelineOptions {
  cities: CityConfig[];
  source: SourceMode;
  /** For source 'file': the file to load. */
  filePath?: string;
  from?: string;
  to?: string;
  /** Rebuild from nothing instead of building on the published warehouse. */
  full?: boolean;
  /** The published warehouse file. */
  warehousePath: string;
  /** Repository root: samples, boundaries, crosswalks and SQL are found from here. */
  rootDir: string;
  lakeDir: string;
  log: Logger;
  now?: () => Date;
  fetch?: typeof fetch;
  /** Parquet copies of typed records, partitioned by city and month (off in some tests). */
  writeParquet?: boolean;
}

export interface CityRunSummary {
  city: string;
  source: string;
  status: 'success' | 'failed';
  filesLoaded: number;
  filesSkipped: number;
  rowsRead: number;
  rowsLoaded: number;
  rowsQuarantined: number;
  rowsSuperseded: number;
  rowsUnchanged: number;
  monthsRebuilt: number;
  drift: Drift[];
  watermark: string | null;
}

export interface PipelineResult {
  runId: string;
  cities: CityRunSummary[];
  steps: StepRunner['records'];
  published: string;
}
