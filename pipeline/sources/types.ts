/**
 * What every portal adapter (ckan, socrata, arcgis, open311, file) produces: raw pages,
 * byte-for-byte as the portal sent them, which the pipeline lands in the lake unchanged.
 */
import type { Logger } from 'pino';

export interface RawPage {
  /** File name inside the run's lake folder, unique per source run: "2024.csv", "page-000003.json". */
  name: string;
  body: Uint8Array;
  format: 'csv' | 'json';
  /** The newest last-edit value seen in this page (for the watermark), when the portal has one. */
  maxUpdated?: string;
}

/** Saved between runs and between pages, so a killed extract resumes where it stopped. */
export interface Checkpoint {
  get(key: string): string | undefined;
  set(key: string, value: string): Promise<void>;
  /** Forget all progress: called once the pages are safely published. */
  clear(): Promise<void>;
}

export interface ExtractContext {
  fetch: typeof fetch;
  log: Logger;
  /** Pull only records edited after this ISO timestamp (the source's watermark). */
  since?: string;
  /** Optional window on opening date, ISO dates, inclusive. */
  from?: string;
  to?: string;
  checkpoint: Checkpoint;
  signal?: AbortSignal;
  /** Clock, injectable for tests. */
  now?: () => Date;
  /** Sleep, injectable so retry tests run without waiting. */
  sleep?: (ms: number) => Promise<void>;
}

export interface SourceAdapter<C> {
  extract(config: C, context: ExtractContext): AsyncIterable<RawPage>;
}
