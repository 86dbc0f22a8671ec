/**
 * CLI for the Toronto sample: npm run generate:toronto -- --rows 40000 --from 2024-01-01
 *   --to 2025-12-31 --seed 311 --out data/samples/toronto/sr2024-2025-sample.csv
 * Reads the calibration from ../shared/data (SHARED_DATA_DIR overrides) and the committed
 * boundaries; writes to a temporary file and renames it on success.
 */
import { parseGeneratorArgs, runCli, writeAtomically } from './cli-args';
import { loadTorontoCalibration } from './toronto-calibration';
import { generateTorontoCsv } from './toronto';

export const TORONTO_DEFAULTS = {
  rows: 40_000,
  from: '2024-01-01',
  to: '2025-12-31',
  seed: 311,
  out: 'data/samples/toronto/sr2024-2025-sample.csv',
} as const;

runCli(() => {
  const { rows, from, to, seed, out, repoRoot } = parseGeneratorArgs(TORONTO_DEFAULTS);
  const csv = generateTorontoCsv(loadTorontoCalibration(repoRoot), { rows, from, to, seed });
  writeAtomically(out, csv);
  process.stderr.write(`wrote ${out}: ${rows} rows, ${Buffer.byteLength(csv)} bytes\n`);
});
