/**
 * Live extraction: first the pages an earlier, killed run already landed in the lake but never
 * published, then the portal adapter from its checkpoint, with the watermark kept in the
 * warehouse's `source_state`, so a normal run pulls only what changed since the last one.
 */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { CityConfig, SourceConfig } from '@/lib/cities/schema';
import type { DuckDbWarehouse } from '@/lib/warehouse/duckdb/connection';
import { FileCheckpoint } from './checkpoint-store';
import { sha256 } from './lake';
import { extractSource } from './sources';
import type { PipelineOptions } from './types';

export interface LiveInput {
  source: string;
  name: string;
  input: { body: Uint8Array };
  format: 'csv' | 'json';
  layoutHint?: string;
  maxUpdated?: string;
}

export function checkpointFile(dataDir: string, city: string, source: string): string {
  return path.join(dataDir, 'state', city, `${source}.checkpoint.json`);
}

export async function* extractLive(
  city: CityConfig,
  source: SourceConfig,
  options: PipelineOptions,
  db: DuckDbWarehouse,
  dataDir: string,
  onCheckpoint: (checkpoint: FileCheckpoint) => void,
): AsyncGenerator<LiveInput> {
  const layoutHint = source.layouts.length === 1 ? source.layouts[0] : undefined;
  // Pages landed by a run that did not publish: load them before asking the portal again.
  const lakeDir = path.join(options.lakeDir, 'raw', `city=${city.id}`, `source=${source.id}`);
  const loaded = new Set(
    (
      await db.query<{ sha256: string }>(
        'select sha256 from lake_files where city = ? and source = ?',
        [city.id, source.id],
      )
    ).map((row) => row.sha256),
  );
  const landed = await readdir(lakeDir).catch(() => [] as string[]);
  for (const name of landed.filter((n) => !n.endsWith('.tmp')).sort()) {
    const body = await readFile(path.join(lakeDir, name));
    if (loaded.has(sha256(body))) continue;
    const original = name.replace(/^[0-9a-f]{16}-/, '');
    yield {
      source: source.id,
      name: original,
      input: { body },
      format: original.endsWith('.json') ? 'json' : 'csv',
      layoutHint,
    };
  }

  const [state] = await db.query<{ watermark: string | null }>(
    'select watermark from source_state where city = ? and source = ?',
    [city.id, source.id],
  );
  const checkpoint = new FileCheckpoint(checkpointFile(dataDir, city.id, source.id));
  onCheckpoint(checkpoint);
  // Only an ISO timestamp is a usable "since"; a file-hash watermark means "whole files".
  // --full keeps it: every page pulled before is in the lake and replayed.
  const since =
    state?.watermark && /^\d{4}-\d{2}-\d{2}T/.test(state.watermark) ? state.watermark : undefined;
  const pages = extractSource(source, {
    fetch: options.fetch ?? fetch,
    log: options.log.child({ city: city.id, source: source.id }),
    since,
    from: options.from,
    to: options.to,
    checkpoint,
    now: options.now,
  });
  for await (const page of pages) {
    yield {
      source: source.id,
      name: page.name,
      input: { body: page.body },
      format: page.format,
      layoutHint,
      maxUpdated: page.maxUpdated,
    };
  }
}
