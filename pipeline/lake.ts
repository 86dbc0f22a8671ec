/**
 * The raw lake: every input lands unchanged under data/lake/raw/city=<id>/source=<id>/, named by
 * its content hash, written to a temporary name and renamed, so a killed run never leaves half a
 * file and an input already loaded (same hash) is recognised and skipped.
 */
import { createHash } from 'node:crypto';
import { mkdir, rename, stat, writeFile } from 'node:fs/promises';
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

export async function land(
  lakeDir: string,
  city: string,
  source: string,
  name: string,
  body: Uint8Array,
  format: 'csv' | 'json',
): Promise<LandedFile> {
  const hash = sha256(body);
  const dir = path.join(lakeDir, 'raw', `city=${city}`, `source=${source}`);
  const safeName = name.replace(/[^\w.-]+/g, '_');
  const target = path.join(dir, `${hash.slice(0, 16)}-${safeName}`);
  await mkdir(dir, { recursive: true });
  const exists = await stat(target).then(
    (s) => s.size === body.byteLength,
    () => false,
  );
  if (!exists) {
    const temporary = `${target}.${process.pid}.tmp`;
    await writeFile(temporary, body);
    await rename(temporary, target);
  }
  return { city, source, name, sha256: hash, path: target, bytes: body.byteLength, format };
}
