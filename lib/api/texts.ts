/**
 * The words users see, written once: metric labels and units, the nouns a city's data is
 * counted in, definitions shown on hover, and the sentences for data a city does not publish.
 * Client-safe: server responses and client components import the same table.
 */
import type { Metric } from '@/lib/view/schema';

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

/** A metric's label in the city's own words. */
export function metricLabel(metric: Metric, kind: CityKind | undefined): string {
  const label = METRIC_LABELS[metric];
  return kind === 'crime' ? label.replace('Requests', 'Incidents') : label;
}

/** The unit of a metric, in the city's own words (its config's nouns: Seattle counts incidents). */
export function metricUnit(metric: Metric, nouns: { many: string }): string {
  return METRIC_UNITS[metric].replace('requests', nouns.many);
}

export const TOO_FEW = 'too few';
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

export const PARTIAL_MONTH_TEXT = 'The last month is partial: the data ends before its last day.';
export const GAP_MONTH_TEXT = 'Months without any data are gaps, not zeros.';

/** The 429 answer of /api/* past the per-client limit (lib/server/rate-limit.ts). */
export const rateLimitedText = (limit: number, retryAfter: number) =>
  `Too many requests: this API answers ${limit} requests a minute per client; try again in ${retryAfter} second${retryAfter === 1 ? '' : 's'}.`;
