/**
 * Builds the bundled boundaries and population denominators from the shared real data.
 *
 * For every city level with a `boundarySource` in its config (config/cities/<id>.json) it writes
 *   data/boundaries/<city>/<level>.geojson   full resolution, WGS84, properties area_key/area_name
 *   public/geojson/<city>/<level>.geojson    simplified with mapshaper for the browser
 * and for the levels with a `populationSource`
 *   data/reference/<city>/<level>-population.csv   area_key,population (no row when unknown)
 * then docs/boundaries.md with the size table.
 *
 * Nothing is repaired silently: duplicate keys are merged into one MultiPolygon and printed,
 * unmatched population rows and areas without a figure are printed to stderr.
 *
 * Usage: npm run boundaries   (SHARED_DATA_DIR overrides ../shared/data)
 */
import { createRequire } from 'node:module';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { parse } from 'csv-parse/sync';
import {
  loadCities,
  type AreaField,
  type BoundarySourceConfig,
  type CityConfig,
  type PopulationSourceConfig,
} from '@/lib/cities';
import type {
  Feature,
  FeatureCollection,
  Geometry,
  MultiPolygon,
  Polygon,
  Position,
} from 'geojson';

const require = createRequire(import.meta.url);

/** The subset of mapshaper's Node API used here (the package ships no types). */
interface Mapshaper {
  applyCommands(
    commands: string,
    input: Record<string, string>,
  ): Promise<Record<string, string | Buffer>>;
}
/** The subset of topojson-client used here (no types installed). */
interface TopojsonClient {
  feature(topology: unknown, object: unknown): FeatureCollection | Feature;
}
const mapshaper = require('mapshaper') as Mapshaper;
const topojson = require('topojson-client') as TopojsonClient;

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const SHARED_DATA_DIR = resolve(REPO_ROOT, process.env.SHARED_DATA_DIR ?? '../shared/data');

/** Browser files above this gzip size fail the build. */
export const MAX_GZIP_BYTES = 150 * 1024;
/** mapshaper `-o precision=`: 0.00001° ≈ 1.1 m, far below what a choropleth shows. */
const COORDINATE_PRECISION = 0.00001;

/** One level to build, as its city's config describes it (`levels[].boundarySource`). */
export interface BoundarySource extends BoundarySourceConfig {
  city: string;
  level: string;
  expectedAreas: number;
}

/** One population table, from the city's config (`levels[].populationSource`). */
export interface PopulationSource extends PopulationSourceConfig {
  city: string;
  level: string;
}

/** Every configured level with a boundary source, in city then level order. */
export function boundarySources(
  cities: Iterable<CityConfig> = loadCities().values(),
): BoundarySource[] {
  return [...cities].flatMap((city) =>
    city.levels.flatMap((level) =>
      level.boundarySource
        ? [
            {
              ...level.boundarySource,
              city: city.id,
              level: level.id,
              expectedAreas: level.expectedAreas,
            },
          ]
        : [],
    ),
  );
}

export function populationSources(
  cities: Iterable<CityConfig> = loadCities().values(),
): PopulationSource[] {
  return [...cities].flatMap((city) =>
    city.levels.flatMap((level) =>
      level.populationSource ? [{ ...level.populationSource, city: city.id, level: level.id }] : [],
    ),
  );
}

/**
 * An area's key or name from one feature: the property (or the TopoJSON id), then the number
 * without zero padding, the mapped value or the template, as the config says.
 */
export function areaValue(
  field: AreaField,
  props: Record<string, unknown>,
  id: unknown,
  what: string,
): unknown {
  const raw = field.property === undefined ? id : props[field.property];
  let value: unknown = field.integer ? String(Number(asKeyString(raw, what))) : raw;
  if (field.map) value = field.map[String(value)] ?? value;
  if (field.template) value = field.template.replace('{}', String(value));
  return value;
}

type AreaFeature = Feature<Polygon | MultiPolygon, { area_key: string; area_name: string }>;

export interface LevelStats {
  city: string;
  level: string;
  areas: number;
  fullBytes: number;
  simplifiedBytes: number;
  gzipBytes: number;
  keepPercent: number;
  merged: string[];
}

function log(message: string): void {
  process.stderr.write(`${message}\n`);
}

function asKeyString(value: unknown, what: string): string {
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (typeof value === 'string' && value.trim() !== '') return value.trim();
  throw new Error(`${what}: missing or non-scalar value ${JSON.stringify(value)}`);
}

function readFeatures(source: BoundarySource): { feature: Feature; id: unknown }[] {
  const text = readFileSync(join(SHARED_DATA_DIR, source.file), 'utf8');
  const json = JSON.parse(text) as
    { type: 'Topology'; objects?: Record<string, unknown> } | FeatureCollection;
  if (json.type === 'Topology') {
    const object = source.topoObject ? json.objects?.[source.topoObject] : undefined;
    if (!object)
      throw new Error(`${source.file}: TopoJSON object ${source.topoObject ?? '?'} not found`);
    const converted = topojson.feature(json, object);
    const features = converted.type === 'FeatureCollection' ? converted.features : [converted];
    return features.map((feature) => ({ feature, id: feature.id }));
  }
  return json.features.map((feature) => ({ feature, id: feature.id }));
}

function polygonsOf(geometry: Geometry | null, what: string): Position[][][] {
  if (!geometry) throw new Error(`${what}: feature without geometry`);
  if (geometry.type === 'Polygon') return [geometry.coordinates];
  if (geometry.type === 'MultiPolygon') return geometry.coordinates;
  throw new Error(`${what}: unexpected geometry type ${geometry.type}`);
}

/** Checks a coordinate is plausibly WGS84 (lon/lat), not a projected metre value. */
function assertWgs84(polygons: Position[][][], what: string): void {
  for (const polygon of polygons)
    for (const ring of polygon)
      for (const [x, y] of ring)
        if (x === undefined || y === undefined || Math.abs(x) > 180 || Math.abs(y) > 90)
          throw new Error(`${what}: coordinate ${String(x)},${String(y)} is not WGS84`);
}

/** Reads a level into features with area_key/area_name; merges duplicate keys loudly. */
export function normaliseLevel(source: BoundarySource): {
  features: AreaFeature[];
  merged: string[];
} {
  const what = `${source.city}/${source.level}`;
  const byKey = new Map<string, { name: string; polygons: Position[][][]; count: number }>();
  for (const { feature, id } of readFeatures(source)) {
    const props = (feature.properties ?? {}) as Record<string, unknown>;
    const key = asKeyString(areaValue(source.key, props, id, `${what} key`), `${what} key`);
    const name = asKeyString(
      areaValue(source.name, props, id, `${what} name of ${key}`),
      `${what} name of ${key}`,
    );
    const polygons = polygonsOf(feature.geometry, `${what} ${key}`);
    assertWgs84(polygons, `${what} ${key}`);
    const existing = byKey.get(key);
    if (existing) {
      if (existing.name !== name)
        log(`!! ${what}: key ${key} has two names: ${existing.name} / ${name}`);
      existing.polygons.push(...polygons);
      existing.count += 1;
    } else byKey.set(key, { name, polygons: [...polygons], count: 1 });
  }
  const merged: string[] = [];
  const features: AreaFeature[] = [];
  for (const [key, { name, polygons, count }] of byKey) {
    if (count > 1) {
      merged.push(key);
      log(`!! ${what}: key ${key} appeared in ${count} features; merged into one MultiPolygon`);
    }
    const geometry: Polygon | MultiPolygon =
      polygons.length === 1 && polygons[0]
        ? { type: 'Polygon', coordinates: polygons[0] }
        : { type: 'MultiPolygon', coordinates: polygons };
    features.push({ type: 'Feature', properties: { area_key: key, area_name: name }, geometry });
  }
  features.sort((a, b) =>
    a.properties.area_key.localeCompare(b.properties.area_key, 'en', { numeric: true }),
  );
  if (features.length !== source.expectedAreas)
    throw new Error(`${what}: expected ${source.expectedAreas} areas, found ${features.length}`);
  return { features, merged };
}

/** Writes next to the target, then renames: a failed run leaves the last good file. */
function writeAtomic(path: string, content: string): void {
  mkdirSync(dirname(path), { recursive: true });
  const temporary = `${path}.tmp`;
  writeFileSync(temporary, content);
  renameSync(temporary, path);
}

export async function simplify(fullGeojson: string, keepPercent: number): Promise<string> {
  const simplifyCommand =
    keepPercent >= 100 ? '' : `-simplify visvalingam ${keepPercent}% keep-shapes`;
  const output = await mapshaper.applyCommands(
    `-i in.json ${simplifyCommand} -o out.json format=geojson precision=${COORDINATE_PRECISION}`,
    { 'in.json': fullGeojson },
  );
  const result = output['out.json'];
  if (result === undefined) throw new Error('mapshaper produced no output');
  return typeof result === 'string' ? result : result.toString('utf8');
}

async function buildLevel(source: BoundarySource): Promise<LevelStats> {
  const { features, merged } = normaliseLevel(source);
  const collection: FeatureCollection = { type: 'FeatureCollection', features };
  const full = JSON.stringify(collection);
  writeAtomic(join(REPO_ROOT, 'data/boundaries', source.city, `${source.level}.geojson`), full);

  const simplified = await simplify(full, source.keepPercent);
  const check = JSON.parse(simplified) as FeatureCollection;
  if (check.features.length !== features.length)
    throw new Error(`${source.city}/${source.level}: simplification dropped features`);
  const gzipBytes = gzipSync(simplified, { level: 9 }).length;
  if (gzipBytes > MAX_GZIP_BYTES)
    throw new Error(`${source.city}/${source.level}: ${gzipBytes} B gzip > ${MAX_GZIP_BYTES}`);
  writeAtomic(
    join(REPO_ROOT, 'public/geojson', source.city, `${source.level}.geojson`),
    simplified,
  );
  return {
    city: source.city,
    level: source.level,
    areas: features.length,
    fullBytes: Buffer.byteLength(full),
    simplifiedBytes: Buffer.byteLength(simplified),
    gzipBytes,
    keepPercent: source.keepPercent,
    merged,
  };
}

/** Keys in CSVs sometimes carry leading zeros or ".0"; boundary keys never do. */
function normaliseKey(raw: string): string {
  const trimmed = raw.trim();
  return /^\d+(\.0+)?$/.test(trimmed) ? String(Number(trimmed)) : trimmed;
}

export interface PopulationResult {
  rows: { area_key: string; population: number }[];
  unmatchedRows: string[];
  areasWithoutFigure: string[];
  skipped: string[];
}

export function joinPopulation(source: PopulationSource, areas: AreaFeature[]): PopulationResult {
  const csv = readFileSync(join(SHARED_DATA_DIR, source.file), 'utf8');
  const records: Record<string, string>[] = parse(csv, {
    columns: true,
    skip_empty_lines: true,
    bom: true,
  });
  const names = new Map(areas.map((a) => [a.properties.area_key, a.properties.area_name]));
  const figures = new Map<string, number>();
  const unmatchedRows: string[] = [];
  const skipped: string[] = [];
  for (const record of records) {
    const rawKey = record[source.keyColumn];
    const rawPopulation = record[source.populationColumn];
    if (rawKey === undefined || rawPopulation === undefined)
      throw new Error(
        `${source.file}: column ${source.keyColumn} or ${source.populationColumn} missing`,
      );
    const key = normaliseKey(rawKey);
    if (!names.has(key)) {
      unmatchedRows.push(key);
      continue;
    }
    const parent = source.notOwnFigure?.[key];
    if (parent !== undefined) {
      skipped.push(`${key} (repeats ${parent}'s figure ${rawPopulation})`);
      continue;
    }
    if (rawPopulation.trim() === '') {
      skipped.push(`${key} (blank)`);
      continue;
    }
    const population = Number(rawPopulation.replace(/,/g, ''));
    if (!Number.isFinite(population) || population <= 0) {
      skipped.push(`${key} (not a positive number: ${rawPopulation})`);
      continue;
    }
    if (source.nameColumn) {
      const csvName = record[source.nameColumn]?.trim();
      if (csvName !== names.get(key))
        log(
          `   ${source.city}/${source.level}: ${key} name differs: csv "${csvName}" vs boundary "${names.get(key)}"`,
        );
    }
    if (figures.has(key)) throw new Error(`${source.file}: duplicate row for ${key}`);
    figures.set(key, population);
  }
  const rows = [...figures].map(([area_key, population]) => ({ area_key, population }));
  rows.sort((a, b) => a.area_key.localeCompare(b.area_key, 'en', { numeric: true }));
  const areasWithoutFigure = [...names.keys()].filter((k) => !figures.has(k));
  return { rows, unmatchedRows, areasWithoutFigure, skipped };
}

function csvField(value: string): string {
  return /[",\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

function formatBytes(bytes: number): string {
  return bytes.toLocaleString('en-US');
}

function renderDoc(
  sources: BoundarySource[],
  stats: LevelStats[],
  populations: { source: PopulationSource; result: PopulationResult }[],
): string {
  const lines = [
    '# Boundaries and population denominators',
    '',
    'Generated by `npm run boundaries` (scripts/build-boundaries.ts) from the real files in',
    '`../shared/data` (see its SOURCES.md for origin and licence). Do not edit by hand.',
    '',
    '- `data/boundaries/<city>/<level>.geojson`: full resolution, WGS84, properties `area_key`, `area_name` (strings). Used for point-in-polygon.',
    `- \`public/geojson/<city>/<level>.geojson\`: mapshaper Visvalingam with \`keep-shapes\` (no area disappears), coordinates rounded to ${COORDINATE_PRECISION}°. "tolerance" is the share of removable vertices kept; 100% = not simplified. Limit ${MAX_GZIP_BYTES / 1024} KB gzip per file.`,
    `- Keys (from each level's \`boundarySource\` in config/cities/<id>.json): ${sources.map((b) => `${b.city}/${b.level} = ${b.note ?? b.key.property ?? 'TopoJSON id'}`).join('; ')}.`,
    '- `data/reference/<city>/<level>-population.csv`: `area_key,population`; an area with no real figure has no row (never 0).',
    '',
    '| city | level | areas | full-res bytes | simplified bytes | gzip bytes | tolerance |',
    '|---|---|---:|---:|---:|---:|---:|',
    ...stats.map(
      (s) =>
        `| ${s.city} | ${s.level} | ${s.areas} | ${formatBytes(s.fullBytes)} | ${formatBytes(s.simplifiedBytes)} | ${formatBytes(s.gzipBytes)} | ${s.keepPercent}% |`,
    ),
    '',
    'Duplicate keys merged into one MultiPolygon: ' +
      (stats.some((s) => s.merged.length > 0)
        ? stats
            .filter((s) => s.merged.length > 0)
            .map((s) => `${s.city}/${s.level}: ${s.merged.join(', ')}`)
            .join('; ')
        : 'none.'),
    '',
    '## Population',
    '',
    '| city | level | source | rows | areas without a figure | how matched |',
    '|---|---|---|---:|---|---|',
    ...populations.map(
      ({ source, result }) =>
        `| ${source.city} | ${source.level} | ${source.file} | ${result.rows.length} | ${result.areasWithoutFigure.join(', ') || '—'} | ${source.note} |`,
    ),
    '',
    'Levels without a population file: ' +
      sources
        .filter(
          (b) => !populations.some((p) => p.source.city === b.city && p.source.level === b.level),
        )
        .map((b) => `${b.city}/${b.level}`)
        .join(', ') +
      ' (no real denominator in the shared data).',
    '',
  ];
  return lines.join('\n');
}

async function main(): Promise<void> {
  log(`shared data: ${SHARED_DATA_DIR}`);
  const stats: LevelStats[] = [];
  const areasByLevel = new Map<string, AreaFeature[]>();
  const sources = boundarySources();
  for (const source of sources) {
    const s = await buildLevel(source);
    stats.push(s);
    areasByLevel.set(`${source.city}/${source.level}`, normaliseLevel(source).features);
    log(
      `${s.city}/${s.level}: ${s.areas} areas, full ${formatBytes(s.fullBytes)} B, simplified ${formatBytes(s.simplifiedBytes)} B (${formatBytes(s.gzipBytes)} B gzip, keep ${s.keepPercent}%)`,
    );
  }
  const populations: { source: PopulationSource; result: PopulationResult }[] = [];
  for (const source of populationSources()) {
    const areas = areasByLevel.get(`${source.city}/${source.level}`);
    if (!areas) throw new Error(`population for unknown level ${source.city}/${source.level}`);
    const result = joinPopulation(source, areas);
    populations.push({ source, result });
    const total = result.rows.reduce((sum, r) => sum + r.population, 0);
    log(
      `${source.city}/${source.level} population: ${result.rows.length} rows, total ${formatBytes(total)}`,
    );
    if (result.unmatchedRows.length > 0)
      log(
        `!! ${source.city}/${source.level}: CSV keys with no boundary: ${result.unmatchedRows.join(', ')}`,
      );
    if (result.areasWithoutFigure.length > 0)
      log(
        `!! ${source.city}/${source.level}: areas with no population row: ${result.areasWithoutFigure.join(', ')}`,
      );
    for (const s of result.skipped) log(`!! ${source.city}/${source.level}: skipped ${s}`);
    const body = [
      'area_key,population',
      ...result.rows.map((r) => `${csvField(r.area_key)},${r.population}`),
    ];
    writeAtomic(
      join(REPO_ROOT, 'data/reference', source.city, `${source.level}-population.csv`),
      `${body.join('\n')}\n`,
    );
  }
  writeAtomic(join(REPO_ROOT, 'docs/boundaries.md'), renderDoc(sources, stats, populations));
  log('wrote docs/boundaries.md');
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((error: unknown) => {
    log(error instanceof Error ? (error.stack ?? error.message) : String(error));
    process.exit(1);
  });
}
