/**
 * The view state of every dashboard page, embed and API route: one zod schema shared by the
 * URL (so a copied link reopens the same view) and the route handlers (400 naming the bad
 * parameter). City and level are checked against the city list by `resolveView`
 * (lib/view/resolve.ts). Client-safe.
 */
import { z } from 'zod';

// zod would probe for eval (new Function) to compile faster parsers; the CSP forbids eval, so
// never try it (the probe alone is reported as a violation in the browser).
z.config({ jitless: true });

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

/** The period a view can be compared with (lib/view/dates.ts baselineRange defines each). */
export const COMPARISONS = ['previous', 'last_year'] as const;
export type Comparison = (typeof COMPARISONS)[number];
/** kept: every request counts; merged: each problem counts once (int_request_problem.sql). */
export const DUPLICATE_MODES = ['kept', 'merged'] as const;
export type DuplicateMode = (typeof DUPLICATE_MODES)[number];

/**
 * A calendar date with a four-digit year (0001–9999). z.iso.date already refuses impossible
 * days (2024-02-30); the year 0000 does not exist in the proleptic calendar either.
 */
const isoDate = (name: string) =>
  z.iso
    .date({ error: `${name} must be a date as YYYY-MM-DD, such as 2024-01-31.` })
    .refine((value) => !value.startsWith('0000-'), {
      error: `${name} must be a date from the year 0001 on.`,
    });

/** A comma-separated list in the URL; each item non-empty, at most 50 items. */
const list = (name: string) =>
  z
    .string()
    .max(4000, { error: `${name} is too long (at most 4,000 characters).` })
    .transform((value) =>
      value
        .split(',')
        .map((item) => item.trim())
        .filter(Boolean),
    )
    .pipe(
      z
        .array(z.string().max(200, { error: `Each ${name} value must be at most 200 characters.` }))
        .max(50, { error: `At most 50 ${name} values can be chosen.` }),
    );

const oneOf = (name: string, values: readonly string[]) => ({
  error: `${name} must be one of ${values.join(', ')}.`,
});

export const viewShape = z.object({
  city: z.string({ error: 'city is required.' }).regex(/^[a-z-]+$/, {
    error: 'city must be a city id such as toronto.',
  }),
  level: z.string({ error: 'level is required.' }).regex(/^[a-z_]+$/, {
    error: 'level must be a level id such as ward.',
  }),
  metric: z.enum(METRICS, oneOf('metric', METRICS)).default('count'),
  classification: z
    .enum(CLASSIFICATIONS, oneOf('classification', CLASSIFICATIONS))
    .default('quantile'),
  classes: z.coerce
    .number({ error: 'classes must be a whole number from 3 to 9.' })
    .int({ error: 'classes must be a whole number from 3 to 9.' })
    .min(3, { error: 'classes must be a whole number from 3 to 9.' })
    .max(9, { error: 'classes must be a whole number from 3 to 9.' })
    .default(5),
  from: isoDate('from').optional(),
  to: isoDate('to').optional(),
  type: list('type').optional(),
  category: list('category').optional(),
  channel: list('channel').optional(),
  division: list('division').optional(),
  status: z.enum(STATUS_GROUPS, oneOf('status', STATUS_GROUPS)).optional(),
  area: z.string().max(200, { error: 'area must be at most 200 characters.' }).optional(),
  hotspots: z.enum(['0', '1'], oneOf('hotspots', ['0', '1'])).optional(),
  compare: z.enum(COMPARISONS, oneOf('compare', COMPARISONS)).optional(),
  /** Absent is kept (requests); merged counts problems. */
  duplicates: z.enum(DUPLICATE_MODES, oneOf('duplicates', DUPLICATE_MODES)).optional(),
});

export const viewSchema = viewShape.refine(
  (view) => !view.from || !view.to || view.from <= view.to,
  { error: 'from must not be after to.', path: ['from'] },
);

export type View = z.infer<typeof viewSchema>;

/** The parameters a view reads from a URL. */
export const VIEW_PARAMETERS = Object.keys(viewShape.shape) as (keyof View)[];

export interface ParseIssue {
  parameter: string;
  /** One sentence that names the parameter once. */
  error: string;
}

export interface ParseOptions {
  /**
   * What to do with a parameter the view does not know: API routes reject it (usually a typo);
   * pages ignore it, so tracking parameters (utm_source, fbclid) survive a share.
   */
  unknown?: 'reject' | 'ignore';
}

/** The first issue of a failed zod parse, as a parameter and one sentence. */
export function firstIssue(error: z.ZodError): ParseIssue {
  const issue = error.issues[0];
  const parameter = String(issue?.path[0] ?? 'query');
  const message = issue?.message ?? 'is not valid';
  // Our own messages are whole sentences naming the parameter; zod's defaults are not.
  const sentence = message.startsWith(parameter)
    ? message
    : `${parameter} ${message.charAt(0).toLowerCase()}${message.slice(1)}`;
  return { parameter, error: sentence.endsWith('.') ? sentence : `${sentence}.` };
}

/** Parse URLSearchParams into a view (defaults filled). */
export function parseView(
  params: URLSearchParams,
  options: ParseOptions = {},
): ({ ok: true; view: View } & { ignored: string[] }) | ({ ok: false } & ParseIssue) {
  const raw: Record<string, string> = {};
  const known = new Set<string>(VIEW_PARAMETERS);
  const ignored: string[] = [];
  for (const [key, value] of params) {
    if (!known.has(key)) {
      if (options.unknown === 'ignore') {
        ignored.push(key);
        continue;
      }
      return { ok: false, parameter: key, error: `Unknown parameter "${key}".` };
    }
    raw[key] = value;
  }
  const result = viewSchema.safeParse(raw);
  if (result.success) return { ok: true, view: result.data, ignored };
  return { ok: false, ...firstIssue(result.error) };
}

/** The fields that select a view's requests (city, level, range, filters): no metric, no area. */
export function requestFilters(view: View): Partial<View> {
  const { city, level, from, to, type, category, channel, division, status, duplicates } = view;
  return { city, level, from, to, type, category, channel, division, status, duplicates };
}

/** The inverse of parseView: undefined values are left out so links stay short. */
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
