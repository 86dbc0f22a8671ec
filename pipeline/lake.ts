/**
 * The raw lake: every input lands unchanged under data/lake/raw/city=<id>/source=<id>/, named by
 * its content hash, written to a temporary name and renamed, so a killed run never leaves half a
 * file and an input already loaded (same hash) is recognised and skipped.
 */
import { createHash } from 'node:crypto';
import { constants, createReadStream } from 'node:fs';
import { copyFile, mkdir, rename, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';

export interface LandedFile {
  city: string;
  source: string;
  name: string;
  sha256: string;
  path: string;
  bytes: number;
  format: 'csv' | 'json';
}

export function sha256(body: Uint8Array): string {
  return createHash('sha256').update(body).digest('hex');
}

/** Hash a file by streaming it: inputs can be larger than Node's 2 GiB buffer limit. */
export async function sha256File(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file, { highWaterMark: 1 << 20 }))
    hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/** The input: bytes from a portal, or a local file (copied, never read whole into memory). */
export type LakeInput = { body: Uint8Array } | { file: string };

export async function land(
  lakeDir: string,
  city: string,
  source: string,
  name: string,
  input: LakeInput,
  format: 'csv' | 'json',
): Promise<LandedFile> {
  const hash = 'body' in input ? sha256(input.body) : await sha256File(input.file);
  const bytes = 'body' in input ? input.body.byteLength : (await stat(input.file)).size;
  const dir = path.join(lakeDir, 'raw', `city=${city}`, `source=${source}`);
  const safeName = name.replace(/[^\w.-]+/g, '_');
  const target = path.join(dir, `${hash.slice(0, 16)}-${safeName}`);
  await mkdir(dir, { recursive: true });
  const exists = await stat(target).then(
    (s) => s.size === bytes,
    () => false,
  );
  if (!exists) {
    const temporary = `${target}.${process.pid}.tmp`;
    if ('body' in input) await writeFile(temporary, input.body);
    // A copy, not a link: the lake must keep the bytes even if the original changes later.
    else await copyFile(input.file, temporary, constants.COPYFILE_FICLONE);
    await rename(temporary, target);
  }
  return { city, source, name, sha256: hash, path: target, bytes, format };
}
