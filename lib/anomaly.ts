/**
 * Unusual now: the stated test behind `mart_anomaly` and "Unusual this month". Pure.
 *
 * For each area × type and area × category, the last complete month's count x is tested against
 * its seasonal expectation E (pipeline/sql/marts/mart_anomaly.sql: the trailing 12 months'
 * mean month, scaled by the city-wide seasonal factor of that calendar month). Under the null
 * X ~ Poisson(E), the one-sided p-value is P(X ≥ x) (lib/hotspots.ts). Only cells with
 * E ≥ ANOMALY_MIN_EXPECTED are tested, so small areas are not flagged on noise. The p-values of
 * all tests of one city and level (both dimensions) are corrected with Benjamini–Hochberg at
 * α = 0.05, and a flag also needs x ≥ ANOMALY_MIN_RATIO × E: 311 counts are over-dispersed, so
 * a large area can be "significant" at +10 %, which is not unusual to a reader.
 */
import { benjaminiHochberg, poissonUpperTail } from '@/lib/hotspots';

export const ANOMALY_ALPHA = 0.05;
export const ANOMALY_MIN_EXPECTED = 5;
export const ANOMALY_MIN_RATIO = 1.5;

/**
 * Weekly tests run only where the data is daily: requests on at least this share of the days of
 * the 12 weeks before the tested week and the week itself (a city that publishes monthly
 * batches, or a sparse sample, has no weeks to compare).
 */
export const WEEKLY_MIN_DAY_SHARE = 0.6;

export const ANOMALY_PERIODS = ['month', 'week'] as const;
export type AnomalyPeriod = (typeof ANOMALY_PERIODS)[number];

export const ANOMALY_TEST_DESCRIPTION =
  'Each area × type and area × category in the last complete month against its seasonal expectation ' +
  '(the trailing 12 months scaled by the same month in earlier years), and where the data is daily ' +
  'the last complete week likewise (the trailing 12 weeks scaled by the same week in earlier years): ' +
  `one-sided Poisson test, Benjamini–Hochberg at α = ${ANOMALY_ALPHA} across the tests of the city, level ` +
  `and period, at least ${ANOMALY_MIN_EXPECTED} expected requests to be tested and at least ${ANOMALY_MIN_RATIO}× the expectation to be flagged.`;

export interface AnomalyTest {
  observed: number;
  expected: number;
}

export interface AnomalyResult {
  pValue: number;
  flagged: boolean;
}

/** One family of tests (one city and level): p-values, then BH, then the ratio floor. */
export function testAnomalies(
  tests: readonly AnomalyTest[],
  options: { alpha?: number; minRatio?: number; minExpected?: number } = {},
): AnomalyResult[] {
  const alpha = options.alpha ?? ANOMALY_ALPHA;
  const minRatio = options.minRatio ?? ANOMALY_MIN_RATIO;
  const minExpected = options.minExpected ?? ANOMALY_MIN_EXPECTED;
  const pValues = tests.map((t) =>
    t.expected >= minExpected ? poissonUpperTail(t.observed, t.expected) : 1,
  );
  const discoveries = benjaminiHochberg(pValues, alpha);
  return tests.map((t, i) => ({
    pValue: pValues[i]!,
    flagged: discoveries[i]! && t.expected >= minExpected && t.observed >= minRatio * t.expected,
  }));
}

/**
 * The last complete month of data ending at `newest` (an ISO date or time): its own month when
 * it falls on the month's last day, else the month before. Returns YYYY-MM-01.
 */
export function lastCompleteMonth(newest: string): string {
  const year = Number(newest.slice(0, 4));
  const month = Number(newest.slice(5, 7));
  const day = Number(newest.slice(8, 10));
  const lastDay = new Date(Date.UTC(year, month, 0)).getUTCDate();
  const complete = day === lastDay ? { year, month } : { year, month: month - 1 };
  if (complete.month === 0) {
    complete.year -= 1;
    complete.month = 12;
  }
  return `${complete.year}-${String(complete.month).padStart(2, '0')}-01`;
}

/**
 * The last complete week (Monday to Sunday) of data ending at `newest` (an ISO date or time):
 * its own week when it falls on a Sunday, else the week before. Returns that week's Monday.
 */
export function lastCompleteWeek(newest: string): string {
  const day = new Date(`${newest.slice(0, 10)}T00:00:00Z`);
  // getUTCDay: 0 Sunday … 6 Saturday; days since Monday: (d + 6) % 7
  const sinceMonday = (day.getUTCDay() + 6) % 7;
  const monday = new Date(day.getTime() - sinceMonday * 86_400_000);
  const complete = sinceMonday === 6 ? monday : new Date(monday.getTime() - 7 * 86_400_000);
  return complete.toISOString().slice(0, 10);
}

/** Whether data with requests on `daysWithData` of `days` days is daily (WEEKLY_MIN_DAY_SHARE). */
export function hasDailyData(daysWithData: number, days: number): boolean {
  return days > 0 && daysWithData / days >= WEEKLY_MIN_DAY_SHARE;
}
