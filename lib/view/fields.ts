/**
 * The view's fields and their rules, with no zod: the allowlists, limits and defaults that
 * lib/view/schema.ts builds the server's zod schema from and lib/view/read.ts checks URLs with in
 * the browser (one set of rules, two readers; tests/unit/view-read.test.ts holds them to the same
 * answers). Also the two pure helpers every side shares: requestFilters and viewToSearch.
 * Client-safe, and small: the browser bundle imports this, never zod.
 */

export const METRICS = [
  'count',
  'per_1000',
  'median_days',
  'p90_days',
  'on_time_pct',
  'still_open',
  'change_pct',
] as const;
export type Metric = (typeof METRICS)[number];

export const CLASSIFICATIONS = ['quantile', 'equal', 'jenks'] as const;
export type Classification = (typeof CLASSIFICATIONS)[number];

export const STATUS_GROUPS = ['open', 'closed'] as const;
export type StatusGroup = (typeof STATUS_GROUPS)[number];

/** The period a view can be compared with (lib/view/dates.ts baselineRange defines each). */
export const COMPARISONS = ['previous', 'last_year'] as const;
export type Comparison = (typeof COMPARISONS)[number];
/** kept: every request counts; merged: each problem counts once (int_request_problem.sql). */
export const DUPLICATE_MODES = ['kept', 'merged'] as const;
export type DuplicateMode = (typeof DUPLICATE_MODES)[number];

export const HOTSPOT_FLAGS = ['0', '1'] as const;

/** Ids in a URL: a city such as toronto, a level such as ward. */
export const CITY_ID = /^[a-z-]+$/;
export const LEVEL_ID = /^[a-z_]+$/;

export const VIEW_LIMITS = {
  /** A comma-separated list parameter, before it is split. */
  listChars: 4000,
  listItems: 50,
  itemChars: 200,
  areaChars: 200,
  classesMin: 3,
  classesMax: 9,
} as const;

export const VIEW_DEFAULTS = {
  metric: 'count',
  classification: 'quantile',
  classes: 5,
} as const satisfies Partial<View>;

/** The list parameters: comma-separated in the URL, arrays in the view. */
export const LIST_PARAMETERS = ['type', 'category', 'channel', 'division'] as const;

/** The view state of every dashboard page, embed and API route (defaults filled). */
export interface View {
  city: string;
  level: string;
  metric: Metric;
  classification: Classification;
  classes: number;
  from?: string | undefined;
  to?: string | undefined;
  type?: string[] | undefined;
  category?: string[] | undefined;
  channel?: string[] | undefined;
  division?: string[] | undefined;
  status?: StatusGroup | undefined;
  area?: string | undefined;
  hotspots?: (typeof HOTSPOT_FLAGS)[number] | undefined;
  compare?: Comparison | undefined;
  /** Absent is kept (requests); merged counts problems. */
  duplicates?: DuplicateMode | undefined;
}

/** The parameters a view reads from a URL, in the schema's order. */
export const VIEW_PARAMETERS = [
  'city',
  'level',
  'metric',
  'classification',
  'classes',
  'from',
  'to',
  'type',
  'category',
  'channel',
  'division',
  'status',
  'area',
  'hotspots',
  'compare',
  'duplicates',
] as const satisfies readonly (keyof View)[];

/** A comma-separated list as the view holds it: items trimmed, empty ones dropped. */
export function splitList(value: string): string[] {
  return value
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean);
}

/**
 * A calendar date YYYY-MM-DD from the year 0001 on, with a day the month has (2024-02-30 is
 * not one).
 */
export function isCalendarDate(value: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (year < 1 || month < 1 || month > 12 || day < 1) return false;
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]!;
  return day <= days;
}

/** The fields that select a view's requests (city, level, range, filters): no metric, no area. */
export function requestFilters(view: View): Partial<View> {
  const { city, level, from, to, type, category, channel, division, status, duplicates } = view;
  return { city, level, from, to, type, category, channel, division, status, duplicates };
}

/** The inverse of parsing a view: undefined values are left out so links stay short. */
export function viewToSearch(view: Partial<View>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(view)) {
    if (value === undefined || value === null || value === '') continue;
    if (Array.isArray(value)) {
      if (value.length) params.set(key, value.join(','));
    } else params.set(key, String(value));
  }
  return params.toString();
}
