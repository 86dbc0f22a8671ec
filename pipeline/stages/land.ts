/**
 * Stage "land": the inputs of a city (replayed lake files, samples, a local file or live pages),
 * each landed in the lake by content hash; an input already loaded is skipped.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { CityConfig } from '@/lib/cities';
import type { DuckDbWarehouse } from '@/lib/warehouse/duckdb/connection';
import type { FileCheckpoint } from '../checkpoint-store';
import { extractLive } from '../extract-live';
import { land, type LakeInput } from '../lake';
import type { Logger, StepRunner } from '../log';
import { unpackLocalFile } from '../sources/file';
import type { CityRunSummary, PipelineOptions } from '../types';
import { loadFile } from './stage';

/** An input loaded earlier, as --full finds it in `lake_files`: replayed from the lake. */
export interface LandedInput {
  source: string;
  name: string;
  path: string;
  layout: string;
}

export interface InputFile {
  source: string;
  name: string;
  input: LakeInput;
  format: 'csv' | 'json';
  layoutHint?: string;
  maxUpdated?: string;
  /** Replayed from the lake by --full: loaded before, so it moves no watermark. */
  replayed?: boolean;
}

export async function* inputsFor(
  city: CityConfig,
  options: PipelineOptions & { replay: LandedInput[] },
  db: DuckDbWarehouse,
  checkpoints: FileCheckpoint[],
): AsyncGenerator<InputFile> {
  for (const landed of options.replay) {
    const file = path.resolve(options.rootDir, landed.path);
    if (!existsSync(file)) {
      // Rebuilding without it would silently drop its rows.
      throw new Error(
        `${city.id}: --full needs ${landed.path} (${landed.source}/${landed.name}), which is gone from the lake`,
      );
    }
    const layout = city.layouts.find((l) => l.id === landed.layout);
    yield {
      source: landed.source,
      name: landed.name,
      input: { file },
      format: layout?.format ?? (file.endsWith('.json') ? 'json' : 'csv'),
      layoutHint: layout?.id,
      replayed: true,
    };
  }
  if (options.source === 'sample') {
    for (const sample of city.samples) {
      const file = path.join(options.rootDir, sample.path);
      yield {
        source: 'sample',
        name: path.basename(file),
        input: { file },
        format: file.endsWith('.json') ? 'json' : 'csv',
        layoutHint: sample.layout,
      };
    }
    return;
  }
  if (options.source === 'file') {
    if (!options.filePath) throw new Error('--source file needs --path <file>');
    // .gz, .csv.gz and .zip inputs are unpacked first; the lake keeps what they hold.
    const scratch = path.join(path.dirname(path.resolve(options.warehousePath)), 'tmp');
    const unpacked = await unpackLocalFile(options.filePath, scratch);
    try {
      for (const file of unpacked.files) {
        yield { source: 'file', name: file.name, input: { file: file.path }, format: file.format };
      }
    } finally {
      await unpacked.cleanup();
    }
    return;
  }
  const dataDir = path.dirname(path.resolve(options.warehousePath));
  for (const source of city.sources) {
    yield* extractLive(city, source, options, db, dataDir, (checkpoint) =>
      checkpoints.push(checkpoint),
    );
  }
}

/**
 * Lands every input of the city and loads those not seen before (one step "load <name>" each),
 * adding their counts to the summary and moving the source's watermark.
 */
export async function loadInputs(
  db: DuckDbWarehouse,
  city: CityConfig,
  options: PipelineOptions & { now: () => Date; replay: LandedInput[] },
  runId: string,
  steps: StepRunner,
  log: Logger,
  checkpoints: FileCheckpoint[],
  summary: CityRunSummary,
  affected: Set<string>,
): Promise<void> {
  for await (const input of inputsFor(city, options, db, checkpoints)) {
    const landed = await land(
      options.lakeDir,
      city.id,
      input.source,
      input.name,
      input.input,
      input.format,
    );
    const seen = await db.query<{ n: number }>(
      'select count(*) as n from lake_files where city = ? and source = ? and sha256 = ?',
      [city.id, input.source, landed.sha256],
    );
    if ((seen[0]?.n ?? 0) > 0) {
      summary.filesSkipped += 1;
      log.info(
        { city: city.id, file: input.name, sha256: landed.sha256.slice(0, 12) },
        'unchanged input skipped',
      );
      continue;
    }
    const result = await steps.step(city.id, `load ${input.name}`, () =>
      loadFile(db, city, landed, input, runId, options, affected),
    );
    summary.filesLoaded += 1;
    summary.rowsRead += result.rows;
    summary.rowsLoaded += result.loaded;
    summary.rowsQuarantined += result.quarantined;
    summary.rowsSuperseded += result.superseded;
    summary.rowsUnchanged += result.unchanged;
    if (result.drift) summary.drift.push(result.drift);
    if (input.replayed) continue;
    // The newest last-edit time seen; inputs without one (files) are watermarked by their hash.
    summary.watermark = input.maxUpdated
      ? [summary.watermark, input.maxUpdated]
          .filter((w): w is string => !!w && /^\d{4}-/.test(w))
          .sort()
          .at(-1)!
      : (summary.watermark ?? landed.sha256);
    await db.run(
      `insert or replace into source_state (city, source, watermark, checkpoint) values (?, ?, ?, null)`,
      [city.id, input.source, summary.watermark],
    );
  }
}
