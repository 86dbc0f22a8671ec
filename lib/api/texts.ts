/**
 * The words users see, written once: metric labels and units, the nouns a city's data is
 * counted in, definitions shown on hover, and the sentences for data a city does not publish.
 * Client-safe: server responses and client components import the same table.
 */
import type { Comparison, Metric } from '@/lib/view/schema';

export type CityKind = '311' | 'crime';

/**
 * Fewer requests than this behind an area's rate or median: the value is shown as "too few" and
 * left out of rankings and class breaks (a median of five requests is noise).
 */
export const MIN_SAMPLE = 20;

/** Fewer expected requests than this in an area: the hotspot test cannot say anything there. */
export const MIN_HOTSPOT_EXPECTED = 5;

/** Closed requests a type needs before its time to close is estimated. */
export const MIN_ESTIMATE_SAMPLE = MIN_SAMPLE;

export const METRIC_LABELS: Record<Metric, string> = {
  count: 'Requests',
  per_1000: 'Requests per 1,000 residents',
  median_days: 'Median days to close',
  p90_days: '90th percentile days to close',
  on_time_pct: 'Closed on time (%)',
  still_open: 'Still open',
  change_pct: 'Change vs previous period (%)',
};

export const METRIC_UNITS: Record<Metric, string> = {
  count: 'requests',
  per_1000: 'requests per 1,000 residents',
  median_days: 'days (median time to close)',
  p90_days: 'days (90th percentile time to close)',
  on_time_pct: '% closed on time',
  still_open: 'requests still open',
  change_pct: '% change vs previous period',
};

export const METRIC_DEFINITIONS: Record<Metric, string> = {
  count: 'Requests opened in the date range that match the filters.',
  per_1000: 'Requests opened in the range for every 1,000 residents of the area.',
  median_days:
    'Half of the requests closed in the range took less than this many days from opening to closing.',
  p90_days: 'Nine in ten requests closed in the range took less than this many days.',
  on_time_pct:
    'Closed on time ÷ (closed + still open and already overdue), for requests with a service-level target.',
  still_open: 'Requests opened in the range that are still open.',
  change_pct: 'Requests opened in the range against the period of the same length just before.',
};

/** The on-time definition, shown beside every on-time figure. */
export const ON_TIME_DEFINITION = METRIC_DEFINITIONS.on_time_pct;
export const PORTAL_ON_TIME_DEFINITION =
  'The portal’s own on-time flag: closed requests the city marked on time ÷ closed requests it marked at all.';

export interface Nouns {
  one: string;
  many: string;
  Many: string;
  type: string;
  types: string;
}

/** Seattle publishes crime: offences/incidents, never "requests". */
export function nounsFor(kind: CityKind | undefined): Nouns {
  return kind === 'crime'
    ? { one: 'incident', many: 'incidents', Many: 'Incidents', type: 'offence', types: 'offences' }
    : { one: 'request', many: 'requests', Many: 'Requests', type: 'type', types: 'types' };
}

/** What a city counts: 311 requests, or police incidents. */
export function nounFor(kind: CityKind | undefined): string {
  return nounsFor(kind).many;
}

/**
 * A metric's label in the city's own words; with duplicates=merged the counts are of distinct
 * problems ("Distinct problems per 1,000 residents").
 */
export function metricLabel(
  metric: Metric,
  kind: CityKind | undefined,
  duplicates?: 'kept' | 'merged',
): string {
  const label = METRIC_LABELS[metric];
  if (duplicates === 'merged') return label.replace('Requests', 'Distinct problems');
  return kind === 'crime' ? label.replace('Requests', 'Incidents') : label;
}

/** The unit of a metric, in the city's own words (its config's nouns: Seattle counts incidents). */
export function metricUnit(metric: Metric, nouns: { many: string }): string {
  return METRIC_UNITS[metric].replace('requests', nouns.many);
}

export const tooFewText = (kind: CityKind | undefined) =>
  `Fewer than ${MIN_SAMPLE} ${nounFor(kind)}: too few to rate or rank.`;

export const NO_CLOSING_DATES =
  'This city publishes no closing dates, so resolution time cannot be measured.';

export const CHANNEL_NOT_PUBLISHED_TEXT =
  'This city does not publish how requests were made (phone, app, web…).';

export const HOTSPOT_TEST_DESCRIPTION =
  'A hotspot is an area with clearly more requests than its population would predict. ' +
  'Test: one-sided Poisson test of each area’s count against its population share of all located ' +
  `requests, Benjamini–Hochberg corrected at α = 0.05; areas expecting fewer than ${MIN_HOTSPOT_EXPECTED} ` +
  'requests are not tested. Requests are over-dispersed, so the test is liberal.';

/** When requests arrive: a source with dates only (every opening at midnight). */
export const OPEN_TIMES_NOT_PUBLISHED = (nouns: { many: string }) =>
  `Opening times not published: this city's data gives only the date each of its ${nouns.many} was opened, so they cannot be placed in an hour of the week.`;
export const OPEN_TIMES_PARTIAL = (untimed: number, nouns: { many: string }) =>
  `${untimed.toLocaleString('en-US')} ${nouns.many} come from months whose source publishes dates only; they are left out of the grid.`;

// ---- comparing two periods (compare=) -------------------------------------------------------

const monthsWord = (months: number) => (months === 1 ? 'month' : `${months} months`);

/** The baseline in words, beside every change: "previous 12 months", "same month last year". */
export function compareLabel(compare: Comparison, months: number): string {
  return compare === 'previous'
    ? `previous ${monthsWord(months)}`
    : `same ${monthsWord(months)} last year`;
}

/** "+12% vs previous 12 months" (− for a fall; "no change"; null baseline: no figure). */
export function changeText(relative: number | null, label: string): string {
  if (relative === null || !Number.isFinite(relative)) return `no baseline in the ${label}`;
  const rounded = Math.round(relative);
  const sign = rounded > 0 ? '+' : rounded < 0 ? '−' : '±';
  return `${sign}${Math.abs(rounded)}% vs ${label}`;
}

/** A share's change in percentage points: "+3.1 pts vs previous 12 months". */
export function changePointsText(now: number | null, before: number | null, label: string): string {
  if (now === null || before === null) return `no baseline in the ${label}`;
  const points = Math.round((now - before) * 10) / 10;
  const sign = points > 0 ? '+' : points < 0 ? '−' : '±';
  return `${sign}${Math.abs(points).toFixed(1)} pts vs ${label}`;
}

export const COMPARE_UNAVAILABLE_METRIC =
  'Change vs previous period is already a comparison: choose another measure to compare.';

/** "1,234 requests merged into 980 problems (21%)": the share is of the requests. */
export function mergedSentence(
  counts: { requests: number; problems: number },
  kind: CityKind | undefined,
): string {
  const nouns = nounsFor(kind);
  const share = counts.requests > 0 ? (counts.requests - counts.problems) / counts.requests : 0;
  const noun = counts.requests === 1 ? nouns.one : nouns.many;
  const problems = counts.problems === 1 ? 'problem' : 'problems';
  return `${counts.requests.toLocaleString('en-US')} ${noun} merged into ${counts.problems.toLocaleString('en-US')} ${problems} (${Math.round(share * 100)}%)`;
}
/** The 429 answer of /api/* past the per-client limit (lib/server/rate-limit.ts). */
export const rateLimitedText = (limit: number, retryAfter: number) =>
  `Too many requests: this API answers ${limit} requests a minute per client; try again in ${retryAfter} second${retryAfter === 1 ? '' : 's'}.`;
