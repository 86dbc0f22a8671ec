/**
 * CLI for the Seattle NIBRS sample: npx tsx tools/generate/seattle-cli.ts --rows 6000
 *   --from 2024-01-01 --to 2025-12-31 --seed 206 --out data/samples/seattle/nibrs-2024-2025-sample.csv
 * Reads the real MCPP × offence-group counts from ../shared/data (SHARED_DATA_DIR overrides) and
 * the committed boundaries; writes to a temporary file and renames it on success.
 */
import { parseGeneratorArgs, runCli, writeAtomically } from './cli-args';
import { generateSeattleCsv, loadSeattleCalibration } from './seattle';

export const SEATTLE_DEFAULTS = {
  rows: 6000,
  from: '2024-01-01',
  to: '2025-12-31',
  seed: 206,
  out: 'data/samples/seattle/nibrs-2024-2025-sample.csv',
} as const;

runCli(() => {
  const { rows, from, to, seed, out, repoRoot } = parseGeneratorArgs(SEATTLE_DEFAULTS);
  const csv = generateSeattleCsv(loadSeattleCalibration(repoRoot), { rows, from, to, seed });
  writeAtomically(out, csv);
  process.stderr.write(`wrote ${rows} offence rows (${csv.length} bytes) to ${out}\n`);
});
