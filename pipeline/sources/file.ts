/**
 * File adapter: one local file or http(s) URL, yielded as one page (format from its extension).
 * A .zip yields each CSV or JSON file inside it, unzipped, in name order.
 */
import { readFile } from 'node:fs/promises';
import { basename, extname, resolve } from 'node:path';
import { unzipSync } from 'fflate';
import type { SourceConfig } from '@/lib/cities/schema';
import type { RawPage, SourceAdapter } from './types';
import { fetchWithRetry, redactUrl, retryOptionsFrom } from './http';

export type FileSource = Extract<SourceConfig, { kind: 'file' }>;

const FORMATS: Record<string, RawPage['format']> = {
  '.csv': 'csv',
  '.json': 'json',
  '.geojson': 'json',
};

/** The format a file name implies, or undefined for anything else. */
export function formatOf(name: string): RawPage['format'] | undefined {
  return FORMATS[extname(name).toLowerCase()];
}

const isUrl = (location: string): boolean => /^https?:\/\//i.test(location);

export const fileAdapter: SourceAdapter<FileSource> = {
  async *extract(config, ctx) {
    const remote = isUrl(config.location);
    const what = `file ${config.id} (${remote ? redactUrl(config.location) : config.location})`;
    const name = remote
      ? basename(decodeURIComponent(new URL(config.location).pathname))
      : basename(config.location);
    const zipped = extname(name).toLowerCase() === '.zip';
    const format = formatOf(name);
    if (!zipped && !format) {
      throw new Error(`${what}: unknown format of "${name}" (expected .csv, .json or .zip)`);
    }
    const body = remote
      ? (await fetchWithRetry(config.location, retryOptionsFrom(ctx, config))).body
      : new Uint8Array(await readFile(resolve(config.location)));

    if (zipped) {
      const entries = unzipSync(body, {
        filter: (f) => formatOf(f.name) !== undefined && !f.name.startsWith('__MACOSX/'),
      });
      const names = Object.keys(entries).sort();
      if (names.length === 0) throw new Error(`${what}: the zip holds no .csv or .json file`);
      for (const entry of names) {
        const bytes = entries[entry];
        const entryFormat = formatOf(entry);
        if (bytes && entryFormat) yield { name: basename(entry), body: bytes, format: entryFormat };
      }
      return;
    }
    if (format) yield { name, body, format };
  },
};
