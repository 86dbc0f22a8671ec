/**
 * The raw lake: every input lands unchanged under data/lake/raw/city=<id>/source=<id>/, named by
 * its content hash, written to a temporary name and renamed, so a killed run never leaves half a
 * file and an input already loaded (same hash) is recognised and skipped.
 */
import { createHash } from 'node:crypto';
import { constants, createReadStream } from 'node:fs';
import {
  copyFile,
  mkdir,
  open,
  readdir,
  readFile,
  rename,
  stat,
  writeFile,
} from 'node:fs/promises';
import path from 'node:path';
import { ContractError } from './layouts';

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

/** Bytes inspected at the start of an input to tell text from anything else. */
const SNIFF_BYTES = 64 * 1024;

/** Share of sampled lines that may fail UTF-8 decoding before the file counts as mis-encoded. */
const MAX_BAD_LINE_SHARE = 0.2;

/** File kinds recognised by their first bytes, named in the error. */
const SIGNATURES: { bytes: number[]; what: string }[] = [
  { bytes: [0x1f, 0x8b], what: 'gzip-compressed data' },
  { bytes: [0x50, 0x4b, 0x03, 0x04], what: 'a zip archive (or an Excel .xlsx workbook)' },
  { bytes: [0xd0, 0xcf, 0x11, 0xe0], what: 'an old Excel/Office document' },
  { bytes: [0x25, 0x50, 0x44, 0x46], what: 'a PDF document' },
  { bytes: [0x89, 0x50, 0x4e, 0x47], what: 'a PNG image' },
  { bytes: [0x50, 0x41, 0x52, 0x31], what: 'a Parquet file' },
  { bytes: [0xff, 0xfe], what: 'UTF-16 text (little-endian); save it as UTF-8' },
  { bytes: [0xfe, 0xff], what: 'UTF-16 text (big-endian); save it as UTF-8' },
];

/**
 * Checks that a landed input is UTF-8 text before any reader sees it, and says in a sentence
 * what it is otherwise (never its bytes): compressed or binary data, UTF-16, or text in another
 * encoding. A few undecodable lines pass: they are quarantined one by one by the reader.
 */
export async function inspectInput(file: string, name: string): Promise<void> {
  const handle = await open(file, 'r');
  let sample: Buffer;
  let size: number;
  try {
    size = (await handle.stat()).size;
    const buffer = Buffer.alloc(Math.min(SNIFF_BYTES, size));
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    sample = buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
  const reject = (what: string) => {
    throw new InputError(`${name} is not a CSV or JSON text file: it is ${what}.`);
  };
  for (const { bytes, what } of SIGNATURES) {
    if (bytes.every((b, i) => sample[i] === b)) reject(what);
  }
  const nul = sample.indexOf(0);
  if (nul >= 0) reject(`binary data (a NUL byte at offset ${nul})`);
  // The last line of the sample may be cut mid-character: only whole lines are judged.
  const whole = size > sample.length ? sample.subarray(0, sample.lastIndexOf(0x0a) + 1) : sample;
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let lines = 0;
  let bad = 0;
  let firstBad = 0;
  let start = 0;
  while (start < whole.length) {
    const end = whole.indexOf(0x0a, start);
    const stop = end < 0 ? whole.length : end;
    lines += 1;
    try {
      decoder.decode(whole.subarray(start, stop));
    } catch {
      bad += 1;
      if (bad === 1) firstBad = lines;
    }
    start = stop + 1;
  }
  if (bad > 0 && (bad / lines > MAX_BAD_LINE_SHARE || firstBad === 1)) {
    reject(
      `text in another encoding than UTF-8: ${bad} of the first ${lines} lines hold bytes that ` +
        `are not valid UTF-8 (the first at line ${firstBad}), as Latin-1 or Windows-1252 text ` +
        `does; save it as UTF-8`,
    );
  }
}

/** An input the pipeline cannot read as text: named, explained, and moved out of the raw lake. */
export class InputError extends ContractError {
  override name = 'InputError';
}

/** Where rejected inputs go: lake/rejected/city=<id>/source=<id>/, beside a note of the reason. */
export function rejectedDir(lakeDir: string, city: string, source: string): string {
  return path.join(lakeDir, 'rejected', `city=${city}`, `source=${source}`);
}

/**
 * Moves an input the contract rejected out of the raw lake, so that it is not mistaken for data
 * and not kept forever; the reason is written beside it (`<file>.reason.txt`).
 */
export async function rejectLanded(
  lakeDir: string,
  landed: LandedFile,
  reason: string,
  at: Date,
): Promise<string> {
  const dir = rejectedDir(lakeDir, landed.city, landed.source);
  await mkdir(dir, { recursive: true });
  const target = path.join(dir, path.basename(landed.path));
  await rename(landed.path, target);
  await writeFile(`${target}.reason.txt`, `${at.toISOString()} ${landed.name}\n${reason}\n`);
  return target;
}

export interface RejectedInput {
  city: string;
  source: string;
  file: string;
  rejected_at: string;
  reason: string;
}

/** Every input in lake/rejected/, oldest first, with the first line of its reason. */
export async function listRejected(lakeDir: string): Promise<RejectedInput[]> {
  const root = path.join(lakeDir, 'rejected');
  const out: RejectedInput[] = [];
  const entries = await readdir(root, { recursive: true }).catch(() => [] as string[]);
  for (const entry of entries.sort()) {
    if (!entry.endsWith('.reason.txt')) continue;
    const parts = entry.split(path.sep);
    const city = parts.find((p) => p.startsWith('city='))?.slice(5) ?? '?';
    const source = parts.find((p) => p.startsWith('source='))?.slice(7) ?? '?';
    const text = await readFile(path.join(root, entry), 'utf8');
    const [stamp = '', ...lines] = text.split('\n');
    out.push({
      city,
      source,
      file: stamp.slice(stamp.indexOf(' ') + 1),
      rejected_at: stamp.slice(0, 19),
      reason: lines.find((l) => l.trim() !== '')?.slice(0, 160) ?? '',
    });
  }
  return out.sort((a, b) => a.rejected_at.localeCompare(b.rejected_at));
}
