/**
 * The web bench's varied mix: a seeded stream of different views per endpoint, as real users
 * ask for them (level, metric, a date range from one month to all data, 0–3 types, categories,
 * channel, status, areas), so that no two measured requests are alike and a per-file answer
 * cache cannot stand in for the queries. Pure and deterministic (tests/unit/web-mix.test.ts).
 */

import { mulberry32 } from '../tools/generate/prng';

/** What the warehouse holds, read from the app once (filter options, area keys per level). */
export interface MixValues {
  city: string;
  /** First and last month with data, YYYY-MM-01. */
  firstMonth: string;
  lastMonth: string;
  /** Levels with their area keys, and whether they have population (per_1000 needs it). */
  levels: { id: string; areas: string[]; population: boolean }[];
  types: string[];
  categories: string[];
  channels: string[];
  /** Choropleth metrics the city supports. */
  metrics: string[];
  /** Metrics read from the resolution histogram (which cannot filter on channel or open). */
  histogramMetrics: string[];
}

type CountedOptions = { value: string; count: number }[];

/**
 * The values a mix draws from, out of what the city answers (its months and metrics, its filter
 * options, the areas with requests on each level): the same whether they were read over HTTP
 * (bench/web.ts) or from the query layer (bench/web-profile.ts).
 */
export function mixValuesOf(
  city: { id: string; firstMonth: string; lastMonth: string; metrics: string[] },
  options: { type: CountedOptions; category: CountedOptions; channel: CountedOptions },
  levels: MixValues['levels'],
): MixValues {
  const byCount = (list: CountedOptions) =>
    [...list].sort((a, b) => b.count - a.count).map((o) => o.value);
  return {
    city: city.id,
    firstMonth: city.firstMonth,
    lastMonth: city.lastMonth,
    levels,
    types: byCount(options.type),
    categories: byCount(options.category),
    channels: byCount(options.channel),
    // Only the metrics the city answers (on_time_pct needs a service-level target).
    metrics: city.metrics,
    histogramMetrics: ['median_days', 'p90_days'],
  };
}

export const MIX_ENDPOINTS = [
  'choropleth',
  'trends',
  'breakdown',
  'heatmap',
  'resolution',
  'area_profile',
] as const;
export type MixEndpoint = (typeof MIX_ENDPOINTS)[number];

const PATHS: Record<MixEndpoint, string> = {
  choropleth: '/api/choropleth',
  trends: '/api/trends',
  breakdown: '/api/breakdown',
  heatmap: '/api/heatmap',
  resolution: '/api/resolution',
  area_profile: '/api/area',
};

/** The generators' seeded mulberry32 (tools/generate/prng.ts), enough for drawing views. */
export const seededRandom = mulberry32;

function monthIndex(month: string): number {
  return Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1;
}

function monthOf(index: number): string {
  const year = Math.floor(index / 12);
  return `${year}-${String((index % 12) + 1).padStart(2, '0')}-01`;
}

function lastDay(month: string): string {
  const [y, m] = [Number(month.slice(0, 4)), Number(month.slice(5, 7))];
  const day = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return `${month.slice(0, 8)}${String(day).padStart(2, '0')}`;
}

/** `k` distinct picks from `values`, weighted to the front (the lists come most-used first). */
function pickSome(random: () => number, values: readonly string[], k: number): string[] {
  const picked = new Set<string>();
  for (let tries = 0; picked.size < Math.min(k, values.length) && tries < 50; tries++) {
    // Squaring favours the frequent values, as users do, while still reaching the rare ones.
    const i = Math.floor(random() ** 2 * values.length);
    picked.add(values[i]!);
  }
  return [...picked].sort();
}

const pick = <T>(random: () => number, values: readonly T[]): T =>
  values[Math.floor(random() * values.length)]!;

/**
 * A date range: no from/to (the app's default year) 10 %, all data 10 %, else a length drawn
 * log-uniform from one month to all the data, placed anywhere inside it.
 */
function drawRange(random: () => number, values: MixValues): [string, string][] {
  const first = monthIndex(values.firstMonth);
  const last = monthIndex(values.lastMonth);
  const span = last - first + 1;
  const roll = random();
  if (roll < 0.1) return [];
  if (roll < 0.2) {
    return [
      ['from', values.firstMonth],
      ['to', lastDay(values.lastMonth)],
    ];
  }
  const length = Math.max(1, Math.min(span, Math.round(Math.exp(random() * Math.log(span)))));
  const start = first + Math.floor(random() * (span - length + 1));
  return [
    ['from', monthOf(start)],
    ['to', lastDay(monthOf(start + length - 1))],
  ];
}

interface FilterRules {
  /** Channel and status=open cannot apply (histogram metrics). */
  histogram: boolean;
}

function drawFilters(random: () => number, values: MixValues, rules: FilterRules) {
  const params: [string, string][] = [];
  if (random() < 0.35) {
    params.push(['type', pickSome(random, values.types, 1 + Math.floor(random() * 3)).join(',')]);
  }
  if (random() < 0.25) {
    const categories = pickSome(random, values.categories, 1 + Math.floor(random() * 2));
    params.push(['category', categories.join(',')]);
  }
  if (!rules.histogram && random() < 0.15) {
    params.push(['channel', pickSome(random, values.channels, 1).join(',')]);
  }
  if (random() < 0.25) {
    params.push(['status', rules.histogram || random() < 0.5 ? 'closed' : 'open']);
  }
  return params;
}

/** One view of `endpoint`, as a path with its query string. */
export function drawView(random: () => number, endpoint: MixEndpoint, values: MixValues): string {
  const level = pick(random, values.levels);
  const params: [string, string][] = [
    ['city', values.city],
    ['level', level.id],
  ];
  let histogram = false;
  switch (endpoint) {
    case 'choropleth': {
      const metrics = values.metrics.filter((m) => level.population || m !== 'per_1000');
      const metric = pick(random, metrics);
      histogram = values.histogramMetrics.includes(metric);
      params.push(['metric', metric]);
      break;
    }
    case 'trends':
      params.push(['maxCategories', String(4 + Math.floor(random() * 6))]);
      if (random() < 0.4) params.push(['area', pick(random, level.areas)]);
      break;
    case 'breakdown':
      params.push(['dimension', random() < 0.7 ? 'type' : 'channel']);
      if (random() < 0.4) params.push(['area', pick(random, level.areas)]);
      break;
    case 'heatmap':
      params.push(['mode', random() < 0.7 ? 'month' : 'season']);
      if (random() < 0.4) params.push(['rankType', pickSome(random, values.types, 1)[0]!]);
      if (random() < 0.3) params.push(['area', pick(random, level.areas)]);
      break;
    case 'resolution':
      // The histogram ignores channel and status; the mix keeps to filters it answers.
      histogram = true;
      if (random() < 0.4) params.push(['area', pick(random, level.areas)]);
      break;
    case 'area_profile':
      histogram = true;
      params.push(['area', pick(random, level.areas)]);
      break;
  }
  params.push(...drawRange(random, values), ...drawFilters(random, values, { histogram }));
  return `${PATHS[endpoint]}?${new URLSearchParams(params).toString()}`;
}

/** `count` distinct views of `endpoint` from `seed` (fewer only if the space runs out). */
export function drawViews(
  endpoint: MixEndpoint,
  values: MixValues,
  count: number,
  seed: number,
): string[] {
  const random = seededRandom(seed);
  const views = new Set<string>();
  for (let tries = 0; views.size < count && tries < count * 20; tries++) {
    views.add(drawView(random, endpoint, values));
  }
  return [...views];
}
