/**
 * Display state that is not part of the view (the API never sees it) but belongs in a shared
 * link: the active analysis tab and the chart toggles. Kept in the page URL under its own
 * parameter names, parsed leniently (a bad value falls back to the default, never an error).
 */
import { z } from 'zod';

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

const uiShape = z.object({
  tab: z.enum(TABS).catch('seasonal'),
  hm: z.enum(['month', 'season']).catch('month'),
  top: z.coerce
    .number()
    .int()
    .refine((n) => (TOP_N_CHOICES as readonly number[]).includes(n))
    .catch(10),
  layout: z.enum(TREND_LAYOUTS).catch('area'),
  /** The type ranked by area ("areas with the most of one type"). */
  rank: z.string().max(200).optional().catch(undefined),
  season: z.enum(['winter', 'spring', 'summer', 'autumn']).optional().catch(undefined),
  /** The type the time-to-close estimate is asked for. */
  est: z.string().max(200).optional().catch(undefined),
});

export type UiState = z.infer<typeof uiShape>;
export const UI_KEYS = Object.keys(uiShape.shape) as (keyof UiState)[];

export const UI_DEFAULTS: UiState = uiShape.parse({});

export function parseUi(params: URLSearchParams): UiState {
  const raw: Record<string, string> = {};
  for (const key of UI_KEYS) {
    const value = params.get(key);
    if (value !== null) raw[key] = value;
  }
  return uiShape.parse(raw);
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
