/** Test doubles shared by the adapter tests: an in-memory checkpoint, a capturing logger, a context. */
import pino from 'pino';
import type { Logger } from 'pino';
import type { Checkpoint, ExtractContext, RawPage } from '@/pipeline/sources/types';

export interface LogLine {
  level: number;
  msg: string;
  [key: string]: unknown;
}

export function captureLogger(): { log: Logger; lines: LogLine[] } {
  const lines: LogLine[] = [];
  const log = pino(
    { level: 'debug' },
    { write: (s: string) => void lines.push(JSON.parse(s) as LogLine) },
  );
  return { log, lines };
}

export class MemoryCheckpoint implements Checkpoint {
  readonly values = new Map<string, string>();
  readonly writes: [string, string][] = [];
  get(key: string): string | undefined {
    return this.values.get(key);
  }
  set(key: string, value: string): Promise<void> {
    this.values.set(key, value);
    this.writes.push([key, value]);
    return Promise.resolve();
  }
  clear(): Promise<void> {
    this.values.clear();
    return Promise.resolve();
  }
}

export function makeContext(overrides: Partial<ExtractContext> = {}): ExtractContext & {
  lines: LogLine[];
  sleeps: number[];
  checkpoint: MemoryCheckpoint;
} {
  const { log, lines } = captureLogger();
  const sleeps: number[] = [];
  const checkpoint = new MemoryCheckpoint();
  return {
    fetch: globalThis.fetch,
    log,
    checkpoint,
    now: () => new Date('2024-03-15T12:00:00Z'),
    sleep: (ms: number) => {
      sleeps.push(ms);
      return Promise.resolve();
    },
    ...overrides,
    lines,
    sleeps,
  } as ExtractContext & { lines: LogLine[]; sleeps: number[]; checkpoint: MemoryCheckpoint };
}

export async function collect(
  pages: AsyncIterable<RawPage>,
  into: RawPage[] = [],
): Promise<RawPage[]> {
  for await (const page of pages) into.push(page);
  return into;
}

export const text = (body: Uint8Array): string => new TextDecoder().decode(body);
