/**
 * The view's zod schema, for the server's boundary: route handlers, pages, feeds and the
 * resolveView gateway parse URL parameters with it (400 naming the bad parameter). It is built
 * from the rules in lib/view/fields.ts, which the browser reads with lib/view/read.ts instead,
 * so zod never ships to the client. City and level are checked against the city list by
 * `resolveView` (lib/view/resolve.ts).
 */
import { z } from 'zod';
import {
  CITY_ID,
  CLASSIFICATIONS,
  COMPARISONS,
  DUPLICATE_MODES,
  HOTSPOT_FLAGS,
  LEVEL_ID,
  METRICS,
  STATUS_GROUPS,
  VIEW_DEFAULTS,
  VIEW_LIMITS,
  VIEW_PARAMETERS,
  splitList,
  type View,
} from './fields';

export * from './fields';

// zod would probe for eval (new Function) to compile faster parsers; the CSP forbids eval, so
// never try it (the probe alone is reported as a violation in the browser).
z.config({ jitless: true });

/**
 * A calendar date with a four-digit year (0001–9999). z.iso.date already refuses impossible
 * days (2024-02-30); the year 0000 does not exist in the proleptic calendar either. The
 * browser's reader checks the same with fields.ts isCalendarDate (held equal by a test).
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
    .max(VIEW_LIMITS.listChars, { error: `${name} is too long (at most 4,000 characters).` })
    .transform(splitList)
    .pipe(
      z
        .array(
          z.string().max(VIEW_LIMITS.itemChars, {
            error: `Each ${name} value must be at most 200 characters.`,
          }),
        )
        .max(VIEW_LIMITS.listItems, { error: `At most 50 ${name} values can be chosen.` }),
    );

const oneOf = (name: string, values: readonly string[]) => ({
  error: `${name} must be one of ${values.join(', ')}.`,
});

const CLASSES = 'classes must be a whole number from 3 to 9.';

export const viewShape = z.object({
  city: z.string({ error: 'city is required.' }).regex(CITY_ID, {
    error: 'city must be a city id such as toronto.',
  }),
  level: z.string({ error: 'level is required.' }).regex(LEVEL_ID, {
    error: 'level must be a level id such as ward.',
  }),
  metric: z.enum(METRICS, oneOf('metric', METRICS)).default(VIEW_DEFAULTS.metric),
  classification: z
    .enum(CLASSIFICATIONS, oneOf('classification', CLASSIFICATIONS))
    .default(VIEW_DEFAULTS.classification),
  classes: z.coerce
    .number({ error: CLASSES })
    .int({ error: CLASSES })
    .min(VIEW_LIMITS.classesMin, { error: CLASSES })
    .max(VIEW_LIMITS.classesMax, { error: CLASSES })
    .default(VIEW_DEFAULTS.classes),
  from: isoDate('from').optional(),
  to: isoDate('to').optional(),
  type: list('type').optional(),
  category: list('category').optional(),
  channel: list('channel').optional(),
  division: list('division').optional(),
  status: z.enum(STATUS_GROUPS, oneOf('status', STATUS_GROUPS)).optional(),
  area: z
    .string()
    .max(VIEW_LIMITS.areaChars, { error: 'area must be at most 200 characters.' })
    .optional(),
  hotspots: z.enum(HOTSPOT_FLAGS, oneOf('hotspots', HOTSPOT_FLAGS)).optional(),
  compare: z.enum(COMPARISONS, oneOf('compare', COMPARISONS)).optional(),
  /** Absent is kept (requests); merged counts problems. */
  duplicates: z.enum(DUPLICATE_MODES, oneOf('duplicates', DUPLICATE_MODES)).optional(),
});

export const viewSchema = viewShape.refine(
  (view) => !view.from || !view.to || view.from <= view.to,
  { error: 'from must not be after to.', path: ['from'] },
);

/** Exact type equality (an extra optional key on either side makes it false). */
type Same<A, B> =
  (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
type Assert<T extends true> = T;
/** Compile-time: the schema parses to exactly fields.ts's View, and reads the same keys. */
export type ViewSchemaMatchesFields = [
  Assert<Same<z.infer<typeof viewSchema>, View>>,
  Assert<Same<keyof typeof viewShape.shape, (typeof VIEW_PARAMETERS)[number]>>,
];

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
