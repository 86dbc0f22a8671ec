/**
 * Display state that is not part of the view (the API never sees it) but belongs in a shared
 * link: the active analysis tab and the chart toggles. Kept in the page URL under its own
 * parameter names, parsed leniently (a bad value falls back to the default, never an error).
 */
export const TABS = [
  'seasonal',
  'patterns',
  'trends',
  'types',
  'resolution',
  'channels',
  'profile',
] as const;
export type Tab = (typeof TABS)[number];

export const TAB_LABELS: Record<Tab, string> = {
  seasonal: 'Seasonal pattern',
  patterns: 'Time of week',
  trends: 'Trends',
  types: 'Types & categories',
  resolution: 'Time to close',
  channels: 'Channels',
  profile: 'Area profile',
};

export const TREND_LAYOUTS = ['area', 'bar', 'multiples'] as const;
export type TrendLayout = (typeof TREND_LAYOUTS)[number];

export const TOP_N_CHOICES = [5, 10, 15, 20, 30] as const;

const HEATMAP_VIEWS = ['month', 'season'] as const;
const SEASONS = ['winter', 'spring', 'summer', 'autumn'] as const;
/** rank and est name a type: longer than this is not one. */
const TYPE_CHARS = 200;

export interface UiState {
  tab: Tab;
  hm: (typeof HEATMAP_VIEWS)[number];
  top: number;
  layout: TrendLayout;
  /** The type ranked by area ("areas with the most of one type"). */
  rank?: string | undefined;
  season?: (typeof SEASONS)[number] | undefined;
  /** The type the time-to-close estimate is asked for. */
  est?: string | undefined;
}
export const UI_KEYS = [
  'tab',
  'hm',
  'top',
  'layout',
  'rank',
  'season',
  'est',
] as const satisfies readonly (keyof UiState)[];

export const UI_DEFAULTS: UiState = { tab: 'seasonal', hm: 'month', top: 10, layout: 'area' };

function oneOf<T extends string>(values: readonly T[], value: string | null): T | undefined {
  return (values as readonly string[]).includes(value ?? '') ? (value as T) : undefined;
}

/** Lenient: each bad or missing value falls back to its default (no zod: this runs in the browser). */
export function parseUi(params: URLSearchParams): UiState {
  const top = Number(params.get('top') ?? Number.NaN);
  const typeName = (key: 'rank' | 'est') => {
    const value = params.get(key);
    return value !== null && value.length <= TYPE_CHARS ? value : undefined;
  };
  const ui: UiState = {
    tab: oneOf(TABS, params.get('tab')) ?? UI_DEFAULTS.tab,
    hm: oneOf(HEATMAP_VIEWS, params.get('hm')) ?? UI_DEFAULTS.hm,
    top: (TOP_N_CHOICES as readonly number[]).includes(top) ? top : UI_DEFAULTS.top,
    layout: oneOf(TREND_LAYOUTS, params.get('layout')) ?? UI_DEFAULTS.layout,
  };
  const rank = typeName('rank');
  const season = oneOf(SEASONS, params.get('season'));
  const est = typeName('est');
  if (rank !== undefined) ui.rank = rank;
  if (season !== undefined) ui.season = season;
  if (est !== undefined) ui.est = est;
  return ui;
}

/** Only values that differ from the defaults, so links stay short. */
export function uiToEntries(ui: UiState): [string, string][] {
  const entries: [string, string][] = [];
  for (const key of UI_KEYS) {
    const value = ui[key];
    if (value === undefined || value === '' || value === UI_DEFAULTS[key]) continue;
    entries.push([key, String(value)]);
  }
  return entries;
}

/** The search params without the display keys: what the view parser may read. */
export function withoutUi(params: URLSearchParams): URLSearchParams {
  const rest = new URLSearchParams(params);
  for (const key of UI_KEYS) rest.delete(key);
  return rest;
}

/** A page's searchParams without the display keys (the server resolves only the view). */
export function stripUi<T extends Record<string, unknown>>(searchParams: T): T {
  const rest = { ...searchParams };
  for (const key of UI_KEYS) delete rest[key];
  return rest;
}
