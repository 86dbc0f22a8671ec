/**
 * CLI for SF-shaped benchmark data: npx tsx tools/generate/sf-bench-cli.ts --rows 1000000
 *   --out data/bench/sf-1m.csv --seed 415 [--from 2008-07-01 --to 2025-12-31]
 *   [--append-month 2026-01] [--point-format socrata-csv|json-repr]
 * Streams the CSV day by day to `<out>.tmp` and renames it on success. With --append-month the
 * same --rows/--seed/--from/--to name the base file and only that month's increment is written.
 */
import { once } from 'node:events';
import { createWriteStream, mkdirSync, renameSync, rmSync } from 'node:fs';
import type { WriteStream } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { loadSfCalibration, POINT_FORMATS, SfBenchGenerator } from './sf-bench';
import type { PointFormat } from './sf-bench';

const CHUNK = 4 << 20;

export const SF_BENCH_DEFAULTS = {
  rows: 1_000_000,
  seed: 415,
  from: '2008-07-01',
  to: '2025-12-31',
  out: 'data/bench/sf-1m.csv',
  pointFormat: 'socrata-csv',
} as const;

/**
 * Encodes lines straight into 4 MB buffers: joining millions of row strings first costs more
 * than generating them.
 */
class LineWriter {
  private buffer = Buffer.allocUnsafe(CHUNK);
  private offset = 0;
  bytes = 0;

  constructor(private readonly stream: WriteStream) {}

  /** Buffers one line; returns a promise only when the stream must drain (no await per row). */
  line(text: string): Promise<void> | undefined {
    const pending =
      this.offset + text.length * 3 + 1 > this.buffer.length ? this.flush() : undefined;
    this.offset += this.buffer.write(text, this.offset);
    this.buffer[this.offset] = 10;
    this.offset += 1;
    return pending;
  }

  private flush(): Promise<void> | undefined {
    if (this.offset === 0) return undefined;
    const full = this.buffer.subarray(0, this.offset);
    this.bytes += this.offset;
    // The stream keeps the buffer until written, so the next lines go to a new one.
    this.buffer = Buffer.allocUnsafe(CHUNK);
    this.offset = 0;
    return this.stream.write(full) ? undefined : once(this.stream, 'drain').then(() => undefined);
  }

  async end(): Promise<void> {
    await this.flush();
    this.stream.end();
    await once(this.stream, 'finish');
  }
}

async function main(): Promise<void> {
  const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
  const { values } = parseArgs({
    options: {
      rows: { type: 'string', default: String(SF_BENCH_DEFAULTS.rows) },
      seed: { type: 'string', default: String(SF_BENCH_DEFAULTS.seed) },
      from: { type: 'string', default: SF_BENCH_DEFAULTS.from },
      to: { type: 'string', default: SF_BENCH_DEFAULTS.to },
      out: { type: 'string', default: SF_BENCH_DEFAULTS.out },
      'append-month': { type: 'string' },
      'point-format': { type: 'string', default: SF_BENCH_DEFAULTS.pointFormat },
    },
  });
  const rows = Number(values.rows);
  const seed = Number(values.seed);
  if (!Number.isInteger(rows) || rows <= 0)
    throw new Error(`--rows must be a positive integer, got ${values.rows}`);
  if (!Number.isInteger(seed)) throw new Error(`--seed must be an integer, got ${values.seed}`);
  for (const [name, value] of [
    ['from', values.from],
    ['to', values.to],
  ] as const)
    if (!/^\d{4}-\d{2}-\d{2}$/.test(value))
      throw new Error(`--${name} must be YYYY-MM-DD, got ${value}`);
  const appendMonth = values['append-month'];
  if (appendMonth !== undefined && !/^\d{4}-\d{2}$/.test(appendMonth))
    throw new Error(`--append-month must be YYYY-MM, got ${appendMonth}`);
  const pointFormat = values['point-format'] as PointFormat;
  if (!POINT_FORMATS.includes(pointFormat))
    throw new Error(`--point-format must be one of ${POINT_FORMATS.join(', ')}`);

  const began = performance.now();
  const generator = new SfBenchGenerator(loadSfCalibration(repoRoot), {
    rows,
    seed,
    from: values.from,
    to: values.to,
    appendMonth,
    pointFormat,
  });
  const ready = performance.now();
  const out = resolve(repoRoot, values.out);
  mkdirSync(dirname(out), { recursive: true });
  const tmp = `${out}.tmp`;
  // A deep write queue so generation rarely waits on the disk.
  const stream = createWriteStream(tmp, { highWaterMark: 32 << 20 });
  const writer = new LineWriter(stream);
  let written = 0;
  try {
    await writer.line(generator.header);
    const lines =
      appendMonth === undefined ? generator.baseLines() : generator.appendLines(appendMonth);
    for (const line of lines) {
      written += 1;
      const pending = writer.line(line);
      if (pending) await pending;
    }
    await writer.end();
    renameSync(tmp, out);
  } catch (error) {
    stream.destroy();
    rmSync(tmp, { force: true });
    throw error;
  }
  const bytes = writer.bytes;
  const seconds = (performance.now() - ready) / 1000;
  process.stderr.write(
    `wrote ${written} rows, ${bytes} bytes (${(bytes / Math.max(1, written)).toFixed(1)} B/row) to ${out} ` +
      `in ${seconds.toFixed(2)} s (${Math.round(written / seconds)} rows/s; setup ${((ready - began) / 1000).toFixed(2)} s)\n`,
  );
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
