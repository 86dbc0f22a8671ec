/**
 * The browser's reader of a view from its URL, without zod: the same rules as the server's
 * schema (lib/view/schema.ts), both taken from lib/view/fields.ts. It answers only "this view,
 * defaults filled" or null: the browser falls back to the view the server resolved, and the
 * server's parse is the one that explains a bad parameter. tests/unit/view-read.test.ts checks
 * that it accepts exactly what parseView accepts, with the same view.
 */
import {
  CITY_ID,
  CLASSIFICATIONS,
  COMPARISONS,
  DUPLICATE_MODES,
  HOTSPOT_FLAGS,
  LEVEL_ID,
  LIST_PARAMETERS,
  METRICS,
  STATUS_GROUPS,
  VIEW_DEFAULTS,
  VIEW_LIMITS,
  VIEW_PARAMETERS,
  isCalendarDate,
  splitList,
  type View,
} from './fields';

const known = new Set<string>(VIEW_PARAMETERS);

function oneOf<T extends string>(values: readonly T[], value: string | undefined): T | undefined {
  return (values as readonly string[]).includes(value ?? '') ? (value as T) : undefined;
}

function list(value: string): string[] | null {
  if (value.length > VIEW_LIMITS.listChars) return null;
  const items = splitList(value);
  if (items.length > VIEW_LIMITS.listItems) return null;
  return items.every((item) => item.length <= VIEW_LIMITS.itemChars) ? items : null;
}

/**
 * The view in `params` (defaults filled), or null when a parameter is unknown or breaks a rule.
 * `unknown: 'ignore'` skips parameters the view does not know, as pages do.
 */
export function readView(
  params: URLSearchParams,
  options: { unknown?: 'reject' | 'ignore' } = {},
): View | null {
  const raw = new Map<string, string>();
  for (const [key, value] of params) {
    if (!known.has(key)) {
      if (options.unknown === 'ignore') continue;
      return null;
    }
    raw.set(key, value);
  }
  const get = (key: string) => raw.get(key);
  const city = get('city');
  const level = get('level');
  if (city === undefined || !CITY_ID.test(city)) return null;
  if (level === undefined || !LEVEL_ID.test(level)) return null;

  // An enum that is present must be one of its values; absent takes its default (or stays out).
  const choice = <T extends string>(key: string, values: readonly T[]) => {
    const value = get(key);
    if (value === undefined) return { ok: true as const, value: undefined };
    const chosen = oneOf(values, value);
    return chosen === undefined ? { ok: false as const } : { ok: true as const, value: chosen };
  };
  const metric = choice('metric', METRICS);
  const classification = choice('classification', CLASSIFICATIONS);
  const status = choice('status', STATUS_GROUPS);
  const hotspots = choice('hotspots', HOTSPOT_FLAGS);
  const compare = choice('compare', COMPARISONS);
  const duplicates = choice('duplicates', DUPLICATE_MODES);
  if (
    !metric.ok ||
    !classification.ok ||
    !status.ok ||
    !hotspots.ok ||
    !compare.ok ||
    !duplicates.ok
  ) {
    return null;
  }

  let classes: number = VIEW_DEFAULTS.classes;
  const classesText = get('classes');
  if (classesText !== undefined) {
    // As z.coerce.number: Number() of the text.
    classes = Number(classesText);
    if (
      !Number.isInteger(classes) ||
      classes < VIEW_LIMITS.classesMin ||
      classes > VIEW_LIMITS.classesMax
    ) {
      return null;
    }
  }

  const from = get('from');
  const to = get('to');
  for (const date of [from, to]) {
    if (date !== undefined && !isCalendarDate(date)) return null;
  }
  if (from && to && from > to) return null;

  const area = get('area');
  if (area !== undefined && area.length > VIEW_LIMITS.areaChars) return null;

  const view: View = {
    city,
    level,
    metric: metric.value ?? VIEW_DEFAULTS.metric,
    classification: classification.value ?? VIEW_DEFAULTS.classification,
    classes,
  };
  if (from !== undefined) view.from = from;
  if (to !== undefined) view.to = to;
  for (const key of LIST_PARAMETERS) {
    const value = get(key);
    if (value === undefined) continue;
    const items = list(value);
    if (!items) return null;
    view[key] = items;
  }
  if (status.value !== undefined) view.status = status.value;
  if (area !== undefined) view.area = area;
  if (hotspots.value !== undefined) view.hotspots = hotspots.value;
  if (compare.value !== undefined) view.compare = compare.value;
  if (duplicates.value !== undefined) view.duplicates = duplicates.value;
  return view;
}
