/**
 * The city registry: every `config/cities/<id>.json`, validated by zod once per process.
 * A config error names the file and the field.
 */
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { cityConfigSchema, type CityConfig, type Level } from './schema';

export * from './schema';

// turbopackIgnore: these are read at run time; tracing them would make Turbopack trace the whole
// project (gigabytes under data/bench).
export const CONFIG_DIR = path.join(/* turbopackIgnore: true */ process.cwd(), 'config', 'cities');

/**
 * The folder the cities are read from: CITY_CONFIG_DIR when set (tests point it at fixture
 * cities that must never appear in the product's list), else config/cities.
 */
export function configDir(): string {
  const override = process.env.CITY_CONFIG_DIR?.trim();
  return override ? path.resolve(/* turbopackIgnore: true */ override) : CONFIG_DIR;
}

export class CityConfigError extends Error {
  override name = 'CityConfigError';
}

export function parseCityConfig(text: string, file: string): CityConfig {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new CityConfigError(`${file}: not valid JSON (${(error as Error).message})`);
  }
  const result = cityConfigSchema.safeParse(json);
  if (!result.success) {
    const issues = result.error.issues
      .map((issue) => `  ${issue.path.join('.') || '(root)'}: ${issue.message}`)
      .join('\n');
    throw new CityConfigError(`${file} is not a valid city config:\n${issues}`);
  }
  const config = result.data;
  const layoutIds = new Set(config.layouts.map((layout) => layout.id));
  for (const [where, ids] of [
    ...config.sources.map((s) => [`sources.${s.id}`, s.layouts] as const),
    ...config.samples.map((s, i) => [`samples.${i}`, [s.layout]] as const),
  ]) {
    for (const id of ids) {
      if (!layoutIds.has(id))
        throw new CityConfigError(`${file}: ${where} names unknown layout "${id}"`);
    }
  }
  return config;
}

const cache = new Map<string, Map<string, CityConfig>>();

export function loadCities(dir = configDir()): Map<string, CityConfig> {
  const cached = cache.get(dir);
  if (cached) return cached;
  const cities = new Map<string, CityConfig>();
  for (const file of readdirSync(/* turbopackIgnore: true */ dir)
    .filter((name) => name.endsWith('.json'))
    .sort()) {
    const config = parseCityConfig(
      readFileSync(/* turbopackIgnore: true */ path.join(dir, file), 'utf8'),
      file,
    );
    if (`${config.id}.json` !== file) {
      throw new CityConfigError(`${file}: id "${config.id}" must match the file name`);
    }
    cities.set(config.id, config);
  }
  cache.set(dir, cities);
  return cities;
}

export function getCity(id: string): CityConfig | undefined {
  return loadCities().get(id);
}

export function getLevel(city: CityConfig, levelId: string): Level | undefined {
  return city.levels.find((level) => level.id === levelId);
}

/** A level's full-resolution boundary file (point-in-polygon, dim_area), from the repo root. */
export function boundaryFile(root: string, level: Level): string {
  return path.join(
    /* turbopackIgnore: true */ root,
    level.boundaryFile ?? path.join('data', 'boundaries', `${level.boundary}.geojson`),
  );
}

/** A level's population table (area_key,population), from the repo root. */
export function populationFile(root: string, city: CityConfig, level: Level): string {
  return path.join(
    /* turbopackIgnore: true */ root,
    level.populationFile ?? path.join('data', 'reference', city.id, `${level.id}-population.csv`),
  );
}
