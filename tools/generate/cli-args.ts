/**
 * The arguments every sample generator takes (--rows --from --to --seed --out), checked once,
 * and the small pieces its CLI needs: the repo root, an atomic write, a loud exit.
 */
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

export interface GeneratorDefaults {
  rows: number;
  from: string;
  to: string;
  seed: number;
  out: string;
}

export interface GeneratorArgs {
  rows: number;
  from: string;
  to: string;
  seed: number;
  /** Absolute output path. */
  out: string;
  repoRoot: string;
  /** Values of the generator's own extra options, as given. */
  extra: Record<string, string | undefined>;
}

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

export function parseGeneratorArgs(
  defaults: GeneratorDefaults,
  extra: Record<string, string> = {},
  argv: string[] = process.argv.slice(2),
): GeneratorArgs {
  const { values } = parseArgs({
    args: argv,
    options: {
      rows: { type: 'string', default: String(defaults.rows) },
      from: { type: 'string', default: defaults.from },
      to: { type: 'string', default: defaults.to },
      seed: { type: 'string', default: String(defaults.seed) },
      out: { type: 'string', default: defaults.out },
      ...Object.fromEntries(
        Object.entries(extra).map(([name, value]) => [
          name,
          { type: 'string' as const, default: value },
        ]),
      ),
    },
  });
  const rows = Number(values.rows);
  const seed = Number(values.seed);
  if (!Number.isInteger(rows) || rows <= 0)
    throw new Error(`--rows must be a positive integer, got ${values.rows}`);
  if (!Number.isInteger(seed)) throw new Error(`--seed must be an integer, got ${values.seed}`);
  for (const name of ['from', 'to'] as const) {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(values[name]))
      throw new Error(`--${name} must be YYYY-MM-DD, got ${values[name]}`);
  }
  const extraValues = Object.fromEntries(
    Object.keys(extra).map((name) => [name, (values as Record<string, string | undefined>)[name]]),
  );
  return {
    rows,
    seed,
    from: values.from,
    to: values.to,
    out: resolve(REPO_ROOT, values.out),
    repoRoot: REPO_ROOT,
    extra: extraValues,
  };
}

/** Write to `<out>.tmp` and rename, so a failed run never leaves half a sample. */
export function writeAtomically(out: string, text: string): void {
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(`${out}.tmp`, text);
  renameSync(`${out}.tmp`, out);
}

/** Run a generator's main; a failure prints its message and exits 1. */
export function runCli(main: () => void): void {
  try {
    main();
  } catch (error) {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  }
}
