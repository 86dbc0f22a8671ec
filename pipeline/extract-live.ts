/**
 * Live extraction: runs a source's portal adapter with the watermark and checkpoint kept in the
 * warehouse's `source_state`, so the next run pulls only what changed and a killed extract
 * resumes at the page where it stopped.
 */
import type { CityConfig, SourceConfig } from '@/lib/cities/schema';
import type { DuckDbWarehouse } from '@/lib/warehouse/duckdb/connection';
import { extractSource } from './sources';
import type { Checkpoint } from './sources/types';
import type { PipelineOptions } from './run';

export interface LiveInput {
  source: string;
  name: string;
  body: Uint8Array;
  format: 'csv' | 'json';
  layoutHint?: string;
  maxUpdated?: string;
}

export async function* extractLive(
  city: CityConfig,
  source: SourceConfig,
  options: PipelineOptions,
  db: DuckDbWarehouse,
): AsyncGenerator<LiveInput> {
  const [state] = await db.query<{ watermark: string | null; checkpoint: string | null }>(
    'select watermark, checkpoint from source_state where city = ? and source = ?',
    [city.id, source.id],
  );
  const saved = new Map<string, string>(
    Object.entries(
      state?.checkpoint ? (JSON.parse(state.checkpoint) as Record<string, string>) : {},
    ),
  );
  const checkpoint: Checkpoint = {
    get: (key) => saved.get(key),
    async set(key, value) {
      saved.set(key, value);
      await db.run(
        `insert into source_state (city, source, watermark, checkpoint) values (?, ?, ?, ?)
         on conflict (city, source) do update set checkpoint = excluded.checkpoint`,
        [city.id, source.id, state?.watermark ?? null, JSON.stringify(Object.fromEntries(saved))],
      );
    },
  };
  // Only an ISO timestamp is a usable "since"; a file hash watermark means "whole files".
  const since =
    !options.full && state?.watermark && /^\d{4}-\d{2}-\d{2}T/.test(state.watermark)
      ? state.watermark
      : undefined;
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
      body: page.body,
      format: page.format,
      layoutHint: source.layouts.length === 1 ? source.layouts[0] : undefined,
      maxUpdated: page.maxUpdated,
    };
  }
}
