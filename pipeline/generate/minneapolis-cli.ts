/**
 * CLI for the Minneapolis sample: npx tsx pipeline/generate/minneapolis-cli.ts --rows 8000
 *   --from 2024-01-01 --to 2025-12-31 --seed 612 --out data/samples/minneapolis
 * Points fall inside data/boundaries/minneapolis/neighborhood.geojson. Writes one JSON file per
 * FeatureServer page per year (public311-<year>-page-NNN.json); old page files are replaced.
 */
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import type { FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import { generateMinneapolisPages, pageFileName } from './minneapolis';

export const MINNEAPOLIS_DEFAULTS = {
  rows: 8000,
  from: '2024-01-01',
  to: '2025-12-31',
  seed: 612,
  pageSize: 1000,
  out: 'data/samples/minneapolis',
} as const;

function main(): void {
  const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
  const { values } = parseArgs({
    options: {
      rows: { type: 'string', default: String(MINNEAPOLIS_DEFAULTS.rows) },
      from: { type: 'string', default: MINNEAPOLIS_DEFAULTS.from },
      to: { type: 'string', default: MINNEAPOLIS_DEFAULTS.to },
      seed: { type: 'string', default: String(MINNEAPOLIS_DEFAULTS.seed) },
      'page-size': { type: 'string', default: String(MINNEAPOLIS_DEFAULTS.pageSize) },
      out: { type: 'string', default: MINNEAPOLIS_DEFAULTS.out },
    },
  });
  const rows = Number(values.rows);
  const seed = Number(values.seed);
  const pageSize = Number(values['page-size']);
  if (!Number.isInteger(rows) || rows <= 0)
    throw new Error(`--rows must be a positive integer, got ${values.rows}`);
  if (!Number.isInteger(seed)) throw new Error(`--seed must be an integer, got ${values.seed}`);
  if (!Number.isInteger(pageSize) || pageSize <= 0 || pageSize > 2000)
    throw new Error(`--page-size must be 1..2000, got ${values['page-size']}`);
  for (const [name, value] of [
    ['from', values.from],
    ['to', values.to],
  ] as const)
    if (!/^\d{4}-\d{2}-\d{2}$/.test(value))
      throw new Error(`--${name} must be YYYY-MM-DD, got ${value}`);

  const neighbourhoods = JSON.parse(
    readFileSync(join(repoRoot, 'data/boundaries/minneapolis/neighborhood.geojson'), 'utf8'),
  ) as FeatureCollection<Polygon | MultiPolygon, { area_key: string; area_name: string }>;
  const pages = generateMinneapolisPages(neighbourhoods, {
    rows,
    from: values.from,
    to: values.to,
    seed,
    pageSize,
  });

  const out = resolve(repoRoot, values.out);
  mkdirSync(out, { recursive: true });
  const staging = `${out}.tmp`;
  rmSync(staging, { recursive: true, force: true });
  mkdirSync(staging);
  let files = 0;
  let features = 0;
  for (const [year, list] of pages)
    list.forEach((page, i) => {
      writeFileSync(join(staging, pageFileName(year, i + 1)), `${JSON.stringify(page)}\n`);
      files += 1;
      features += page.features.length;
    });
  for (const name of readdirSync(out))
    if (/^public311-\d{4}-page-\d{3}\.json$/.test(name)) rmSync(join(out, name));
  for (const name of readdirSync(staging)) renameSync(join(staging, name), join(out, name));
  rmSync(staging, { recursive: true, force: true });
  process.stderr.write(`wrote ${files} pages, ${features} features (${rows} cases) to ${out}\n`);
}

try {
  main();
} catch (error) {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
}
