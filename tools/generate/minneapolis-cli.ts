/**
 * CLI for the Minneapolis sample: npx tsx tools/generate/minneapolis-cli.ts --rows 8000
 *   --from 2024-01-01 --to 2025-12-31 --seed 612 --out data/samples/minneapolis
 * Points fall inside data/boundaries/minneapolis/neighborhood.geojson. Writes one JSON file per
 * FeatureServer page per year (public311-<year>-page-NNN.json); old page files are replaced.
 */
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import { parseGeneratorArgs, runCli } from './cli-args';
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
  const args = parseGeneratorArgs(MINNEAPOLIS_DEFAULTS, {
    'page-size': String(MINNEAPOLIS_DEFAULTS.pageSize),
  });
  const { rows, seed, repoRoot } = args;
  const pageSize = Number(args.extra['page-size']);
  if (!Number.isInteger(pageSize) || pageSize <= 0 || pageSize > 2000)
    throw new Error(`--page-size must be 1..2000, got ${args.extra['page-size']}`);

  const neighbourhoods = JSON.parse(
    readFileSync(join(repoRoot, 'data/boundaries/minneapolis/neighborhood.geojson'), 'utf8'),
  ) as FeatureCollection<Polygon | MultiPolygon, { area_key: string; area_name: string }>;
  const pages = generateMinneapolisPages(neighbourhoods, {
    rows,
    from: args.from,
    to: args.to,
    seed,
    pageSize,
  });

  const out = args.out;
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

runCli(main);
