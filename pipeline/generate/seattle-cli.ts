/**
 * CLI for the Seattle NIBRS sample: npx tsx pipeline/generate/seattle-cli.ts --rows 6000
 *   --from 2024-01-01 --to 2025-12-31 --seed 206 --out data/samples/seattle/nibrs-2024-2025-sample.csv
 * Reads the real MCPP × offence-group counts from ../shared/data (SHARED_DATA_DIR overrides) and
 * the committed boundaries; writes to a temporary file and renames it on success.
 */
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { generateSeattleCsv, loadSeattleCalibration } from './seattle';

export const SEATTLE_DEFAULTS = {
  rows: 6000,
  from: '2024-01-01',
  to: '2025-12-31',
  seed: 206,
  out: 'data/samples/seattle/nibrs-2024-2025-sample.csv',
} as const;

function main(): void {
  const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
  const { values } = parseArgs({
    options: {
      rows: { type: 'string', default: String(SEATTLE_DEFAULTS.rows) },
      from: { type: 'string', default: SEATTLE_DEFAULTS.from },
      to: { type: 'string', default: SEATTLE_DEFAULTS.to },
      seed: { type: 'string', default: String(SEATTLE_DEFAULTS.seed) },
      out: { type: 'string', default: SEATTLE_DEFAULTS.out },
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

  const csv = generateSeattleCsv(loadSeattleCalibration(repoRoot), {
    rows,
    from: values.from,
    to: values.to,
    seed,
  });
  const out = resolve(repoRoot, values.out);
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(`${out}.tmp`, csv);
  renameSync(`${out}.tmp`, out);
  process.stderr.write(`wrote ${rows} offence rows (${csv.length} bytes) to ${out}\n`);
}

try {
  main();
} catch (error) {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
}
