/**
 * Structured pipeline logs (pino, to stderr) with one line per step: what it did, rows, bytes
 * and seconds. A step that throws is logged with its name and rethrown as a StepError, so the
 * CLI can exit non-zero naming the failing step.
 */
import { pino, type Logger } from 'pino';
import { progress } from './progress';

export type { Logger };

export function createLogger(level = process.env.LOG_LEVEL ?? 'info'): Logger {
  return pino({ level, base: undefined }, pino.destination(2));
}

export class StepError extends Error {
  override name = 'StepError';
  constructor(
    readonly step: string,
    readonly city: string | undefined,
    cause: unknown,
  ) {
    super(`step "${step}"${city ? ` for ${city}` : ''} failed: ${describe(cause)}`, { cause });
  }
}

export interface StepResult {
  rows?: number;
  bytes?: number;
}

export interface StepRecord {
  city: string | undefined;
  step: string;
  seconds: number;
  rows?: number;
  bytes?: number;
}

/** Runs steps with a heartbeat log line each, and keeps their timings for the summary. */
export class StepRunner {
  readonly records: StepRecord[] = [];
  /** The step running now, for the record of a run interrupted by a signal. */
  current: { city: string | undefined; step: string } | undefined;
  constructor(private readonly log: Logger) {}

  async step<T extends object | void>(
    city: string | undefined,
    step: string,
    work: () => Promise<T>,
  ): Promise<T> {
    const started = performance.now();
    const outer = this.current;
    this.current = { city, step };
    this.log.debug({ city, step }, 'step started');
    progress.start(city ? `${city} · ${step}` : step);
    try {
      const result = await work();
      progress.stop();
      const seconds = round((performance.now() - started) / 1000);
      const fields = (result ?? {}) as StepResult;
      this.records.push({ city, step, seconds, rows: fields.rows, bytes: fields.bytes });
      this.log.info({ city, step, seconds, ...fields }, step);
      this.current = outer;
      return result;
    } catch (error) {
      progress.stop();
      const seconds = round((performance.now() - started) / 1000);
      if (error instanceof StepError) throw error;
      this.log.error({ city, step, seconds, err: error }, `${step} failed`);
      throw new StepError(step, city, error);
    }
  }
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}

/** The message and, for wrapped driver errors, the underlying reason (pipeline logs are for engineers). */
function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const inner = error.cause instanceof Error ? `: ${error.cause.message}` : '';
  return `${error.message}${inner}`;
}

/** Debug-level timings of the phases inside one file's load (LOG_LEVEL=debug). */
export function phaseTimer(log: Logger, city: string, file: string) {
  let last = performance.now();
  return (phase: string) => {
    const now = performance.now();
    log.debug({ city, file, phase, seconds: Math.round(now - last) / 1000 }, 'load phase');
    last = now;
  };
}
