/**
 * Reads the real Toronto figures the sample generator is calibrated on (../shared/data/toronto
 * and the committed boundaries) into one plain object. All I/O of the generator lives here;
 * tools/generate/toronto.ts is pure.
 *
 * Sources:
 *  - aggregates-90day-2026-08.json: per-ward counts, top types (+ per-type completion), daily
 *    counts (weekday/weekend rhythm), city completion rate. Window 2026-05-19 … 2026-08-17.
 *  - counts-2010-by-hour-type-division-section.csv: hour-of-day profile and the
 *    type → division → section taxonomy.
 *  - fsa-population-2016.csv + data/boundaries/toronto/{ward,fsa}.geojson: FSA weights per ward.
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parse } from 'csv-parse/sync';
import * as turf from '@turf/turf';
import type { Feature, FeatureCollection, MultiPolygon, Polygon } from 'geojson';

export interface TorontoTypeStat {
  type: string;
  /** Requests in the 90-day window. */
  count: number;
  /** Percent completed within the window. */
  completionRate: number;
}

export interface TaxonomyRow {
  type: string;
  division: string;
  section: string;
  /** Requests in 2010 (all hours). */
  count2010: number;
}

export interface TorontoCalibration {
  /** Ward text exactly as in the 311 file, e.g. "Etobicoke North (01)", with 90-day counts. */
  wards: { code: string; label: string; count: number }[];
  topTypes: TorontoTypeStat[];
  cityCompletionRate: number;
  /** All requests in the 90-day window (the top types are a part of it). */
  windowCount: number;
  /** Mean weekday count / mean weekend count in the daily series. */
  weekdayWeekendRatio: number;
  /** 24 counts, index = hour. */
  hourProfile: number[];
  taxonomy: TaxonomyRow[];
  /** Per ward code ("1".."25"): FSAs with weight = 2016 population × share of the FSA in the ward. */
  fsaWeights: Record<string, { fsa: string; weight: number }[]>;
}

export const DEFAULT_SHARED_DATA_DIR = '../shared/data';

interface Aggregates {
  city: {
    stats: { count: number; completion_rate: number; daily: { d: string; n: number }[] };
    top_types: { type: string; count: number }[];
  };
  wards: { ward: string; stats: { count: number } }[];
  categories: { type: string; stats: { count: number; completion_rate: number } }[];
}

type AreaCollection = FeatureCollection<
  Polygon | MultiPolygon,
  { area_key: string; area_name: string }
>;

export function weekdayWeekendRatio(daily: { d: string; n: number }[]): number {
  let weekday = 0;
  let weekdays = 0;
  let weekend = 0;
  let weekends = 0;
  for (const { d, n } of daily) {
    const dow = new Date(`${d}T12:00:00Z`).getUTCDay();
    if (dow === 0 || dow === 6) {
      weekend += n;
      weekends += 1;
    } else {
      weekday += n;
      weekdays += 1;
    }
  }
  return weekday / weekdays / (weekend / weekends);
}

/** Which FSAs overlap each ward, weighted by FSA population × overlap share of the FSA's area. */
export function computeFsaWeights(
  wards: AreaCollection,
  fsas: AreaCollection,
  fsaPopulation: Map<string, number>,
): Record<string, { fsa: string; weight: number }[]> {
  const result: Record<string, { fsa: string; weight: number }[]> = {};
  const fsaInfo = fsas.features.map((f) => ({
    feature: f,
    bbox: turf.bbox(f),
    area: turf.area(f),
  }));
  for (const ward of wards.features) {
    const wardBox = turf.bbox(ward);
    const list: { fsa: string; weight: number }[] = [];
    for (const { feature, bbox, area } of fsaInfo) {
      if (
        bbox[0] > wardBox[2] ||
        bbox[2] < wardBox[0] ||
        bbox[1] > wardBox[3] ||
        bbox[3] < wardBox[1]
      )
        continue;
      const overlap = turf.intersect(
        turf.featureCollection([ward, feature] as Feature<Polygon | MultiPolygon>[]),
      );
      if (!overlap) continue;
      const share = turf.area(overlap) / area;
      // Slivers from boundary mismatch between the two sources are not real overlaps.
      if (share < 0.01) continue;
      const population = fsaPopulation.get(feature.properties.area_key) ?? 0;
      if (population > 0)
        list.push({ fsa: feature.properties.area_key, weight: population * share });
    }
    list.sort((a, b) => b.weight - a.weight || a.fsa.localeCompare(b.fsa));
    result[ward.properties.area_key] = list;
  }
  return result;
}

export function loadTorontoCalibration(
  repoRoot: string,
  sharedDataDir?: string,
): TorontoCalibration {
  const shared = resolve(
    repoRoot,
    sharedDataDir ?? process.env.SHARED_DATA_DIR ?? DEFAULT_SHARED_DATA_DIR,
  );
  const read = (path: string) => readFileSync(join(shared, 'toronto', path), 'utf8');
  const aggregates = JSON.parse(read('aggregates-90day-2026-08.json')) as Aggregates;

  const wards = aggregates.wards.map(({ ward, stats }) => {
    const match = /\((\d{2})\)$/.exec(ward);
    if (!match?.[1]) throw new Error(`ward text without (NN): ${ward}`);
    return { code: String(Number(match[1])), label: ward, count: stats.count };
  });

  const completion = new Map(aggregates.categories.map((c) => [c.type, c.stats]));
  const topTypes = aggregates.categories.map((c) => ({
    type: c.type,
    count: c.stats.count,
    completionRate:
      completion.get(c.type)?.completion_rate ?? aggregates.city.stats.completion_rate,
  }));

  const hourly: {
    hour: string;
    count: string;
    request_type: string;
    division: string;
    section: string;
  }[] = parse(read('counts-2010-by-hour-type-division-section.csv'), { columns: true });
  const hourProfile = Array.from({ length: 24 }, () => 0);
  const taxonomyMap = new Map<string, TaxonomyRow>();
  for (const row of hourly) {
    const count = Number(row.count);
    const hour = Number(row.hour);
    hourProfile[hour] = (hourProfile[hour] ?? 0) + count;
    // The 2010 summary pads some sections with a trailing space ("Road Operations ").
    const entry = taxonomyMap.get(row.request_type) ?? {
      type: row.request_type,
      division: row.division.trim(),
      section: row.section.trim(),
      count2010: 0,
    };
    entry.count2010 += count;
    taxonomyMap.set(row.request_type, entry);
  }

  const fsaRows: Record<string, string>[] = parse(read('fsa-population-2016.csv'), {
    columns: true,
  });
  const fsaPopulation = new Map(
    fsaRows.map((r) => [r['Geographic code'] ?? '', Number(r['Population, 2016'] ?? 0)]),
  );
  const boundary = (level: string) =>
    JSON.parse(
      readFileSync(join(repoRoot, 'public/geojson/toronto', `${level}.geojson`), 'utf8'),
    ) as AreaCollection;

  return {
    wards,
    topTypes,
    cityCompletionRate: aggregates.city.stats.completion_rate,
    windowCount: aggregates.city.stats.count,
    weekdayWeekendRatio: weekdayWeekendRatio(aggregates.city.stats.daily),
    hourProfile,
    taxonomy: [...taxonomyMap.values()].sort(
      (a, b) => b.count2010 - a.count2010 || a.type.localeCompare(b.type),
    ),
    fsaWeights: computeFsaWeights(boundary('ward'), boundary('fsa'), fsaPopulation),
  };
}
