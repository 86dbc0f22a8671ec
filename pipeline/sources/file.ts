/**
 * File adapter: one local file or http(s) URL, yielded as one page (format from its extension).
 * A .zip yields each CSV or JSON file inside it, unzipped, in name order; a .gz (or gzip bytes
 * under any name) yields the text it holds.
 */
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, open, readFile, rm, writeFile } from 'node:fs/promises';
import { basename, extname, join, resolve } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { createGunzip, gunzipSync } from 'node:zlib';
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

const GZIP_MAGIC = [0x1f, 0x8b];

const isUrl = (location: string): boolean => /^https?:\/\//i.test(location);

export const fileAdapter: SourceAdapter<FileSource> = {
  async *extract(config, ctx) {
    const remote = isUrl(config.location);
    const what = `file ${config.id} (${remote ? redactUrl(config.location) : config.location})`;
    const name = remote
      ? basename(decodeURIComponent(new URL(config.location).pathname))
      : basename(config.location);
    const zipped = extname(name).toLowerCase() === '.zip';
    const gzipped = extname(name).toLowerCase() === '.gz';
    const inner = gzipped ? name.slice(0, -3) : name;
    const format = formatOf(inner);
    if (!zipped && !format) {
      throw new Error(
        `${what}: unknown format of "${name}" (expected .csv, .json, .csv.gz, .json.gz or .zip)`,
      );
    }
    const raw = remote
      ? (await fetchWithRetry(config.location, retryOptionsFrom(ctx, config))).body
      : new Uint8Array(await readFile(resolve(config.location)));
    // A .gz is unpacked here: the lake keeps the text the pipeline reads.
    const body = gzipped || GZIP_MAGIC.every((b, i) => raw[i] === b) ? gunzipSync(raw) : raw;
    if (gzipped && format) {
      yield { name: inner, body, format };
      return;
    }

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

/** One readable file out of a local input: the input itself, or what a .gz or .zip holds. */
export interface UnpackedFile {
  name: string;
  path: string;
  format: RawPage['format'];
}

const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];

async function firstBytes(file: string, n: number): Promise<Buffer> {
  const handle = await open(file, 'r');
  try {
    const buffer = Buffer.alloc(n);
    const { bytesRead } = await handle.read(buffer, 0, n, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

/** The format of a file by name, else by its first character (`[` or `{` is JSON). */
async function formatByNameOrContent(name: string, file: string): Promise<RawPage['format']> {
  const byName = formatOf(name);
  if (byName) return byName;
  const head = (await firstBytes(file, 1024))
    .toString('utf8')
    .replace(/^\ufeff/, '')
    .trimStart();
  return head.startsWith('[') || head.startsWith('{') ? 'json' : 'csv';
}

/**
 * `--source file` inputs: a CSV or JSON file as it is; a gzip file (`.gz`, `.csv.gz`, or gzip
 * bytes under any name) decompressed by streaming; a zip's CSV and JSON files, in name order.
 * Unpacked files are written under `scratchDir`; `cleanup` removes them. Compression is told by
 * the bytes, not the name, so a mislabelled file still reads.
 */
export async function unpackLocalFile(
  file: string,
  scratchDir: string,
): Promise<{ files: UnpackedFile[]; cleanup: () => Promise<void> }> {
  const name = basename(file);
  const head = await firstBytes(file, 4);
  const isGzip = GZIP_MAGIC.every((b, i) => head[i] === b);
  const isZip = ZIP_MAGIC.every((b, i) => head[i] === b);
  if (!isGzip && !isZip) {
    return {
      files: [{ name, path: file, format: await formatByNameOrContent(name, file) }],
      cleanup: () => Promise.resolve(),
    };
  }
  const dir = join(scratchDir, `unpack-${process.pid}-${Date.now()}`);
  await mkdir(dir, { recursive: true });
  const cleanup = () => rm(dir, { recursive: true, force: true });
  try {
    if (isGzip) {
      const inner = name.replace(/\.gz$/i, '').replace(/\.tgz$/i, '.tar') || 'input';
      const target = join(dir, inner);
      try {
        await pipeline(createReadStream(file), createGunzip(), createWriteStream(target));
      } catch (err) {
        throw new Error(`${name}: the gzip data is damaged (${(err as Error).message})`, {
          cause: err,
        });
      }
      return {
        files: [{ name: inner, path: target, format: await formatByNameOrContent(inner, target) }],
        cleanup,
      };
    }
    const entries = unzipSync(new Uint8Array(await readFile(file)), {
      filter: (f) => formatOf(f.name) !== undefined && !f.name.startsWith('__MACOSX/'),
    });
    const names = Object.keys(entries).sort();
    if (names.length === 0) throw new Error(`${name}: the zip holds no .csv or .json file`);
    const files: UnpackedFile[] = [];
    for (const [i, entry] of names.entries()) {
      const bytes = entries[entry];
      const format = formatOf(entry);
      if (!bytes || !format) continue;
      const target = join(dir, `${i}-${basename(entry)}`);
      await writeFile(target, bytes);
      files.push({ name: basename(entry), path: target, format });
    }
    return { files, cleanup };
  } catch (err) {
    await cleanup();
    throw err;
  }
}
