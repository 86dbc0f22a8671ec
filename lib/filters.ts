/**
 * The view state of every dashboard page, embed and API route: one zod schema shared by the
 * URL (so a copied link reopens the same view) and the route handlers (400 naming the bad
 * parameter). City and level are checked against the city registry by `resolveView`.
 */
import { z } from 'zod';

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

const isoDate = z.iso.date({ message: 'must be a date as YYYY-MM-DD' });

/** A comma-separated list in the URL; each item non-empty, at most 50 items. */
const list = z
  .string()
  .max(4000)
  .transform((value) =>
    value
      .split(',')
      .map((item) => item.trim())
      .filter(Boolean),
  )
  .pipe(z.array(z.string().max(200)).max(50));

export const viewShape = z.object({
  city: z.string().regex(/^[a-z-]+$/, 'must be a city id such as toronto'),
  level: z.string().regex(/^[a-z_]+$/, 'must be a level id such as ward'),
  metric: z.enum(METRICS).default('count'),
  classification: z.enum(CLASSIFICATIONS).default('quantile'),
  classes: z.coerce.number().int().min(3).max(9).default(5),
  from: isoDate.optional(),
  to: isoDate.optional(),
  type: list.optional(),
  category: list.optional(),
  channel: list.optional(),
  division: list.optional(),
  status: z.enum(STATUS_GROUPS).optional(),
  area: z.string().max(200).optional(),
  hotspots: z.enum(['0', '1']).optional(),
});

export const viewSchema = viewShape.refine(
  (view) => !view.from || !view.to || view.from <= view.to,
  {
    message: 'from must not be after to',
    path: ['from'],
  },
);

export type View = z.infer<typeof viewSchema>;

/** Parse URLSearchParams; an unknown parameter is an error too (it is usually a typo). */
export function parseView(
  params: URLSearchParams,
): { ok: true; view: View } | { ok: false; error: string; parameter: string } {
  const raw: Record<string, string> = {};
  const known = new Set(Object.keys(viewShape.shape));
  for (const [key, value] of params) {
    if (!known.has(key)) return { ok: false, parameter: key, error: `unknown parameter "${key}"` };
    raw[key] = value;
  }
  const result = viewSchema.safeParse(raw);
  if (result.success) return { ok: true, view: result.data };
  const issue = result.error.issues[0];
  const parameter = String(issue?.path[0] ?? 'query');
  return { ok: false, parameter, error: `${parameter}: ${issue?.message ?? 'invalid'}` };
}

/** The inverse of parseView: defaults are left out so links stay short. */
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
