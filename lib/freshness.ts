/**
 * Freshness you can trust: the one rule for "is this city's data stale?", used by
 * `GET /api/status`, the /status page, the freshness line and `npm run pipeline -- --status
 * --check-freshness`. Pure: it gets the city's runs and the time, and reads nothing.
 *
 * A city is stale when
 *  - no run has ever published it ("never-published"), or
 *  - its last live publish that loaded rows is older than its cadence allows ("late"): a
 *    "success" that loaded zero new rows is a warning, not a success, so ten days of
 *    "loaded 0 records, all tasks succeeded" from a daily source is stale after two days.
 *
 * Sample and file mode: the bundled samples (and a one-off file) are static snapshots, not a
 * feed, so their age says nothing about a pipeline falling behind; they are never stale by age
 * and the answer says `mode: "sample"` so pages can say "bundled sample" instead of "updated".
 * They are still stale when nothing was ever published. Failed runs never count as publishes;
 * the last one is reported beside the verdict.
 */

export const CADENCES = ['daily', 'weekly', 'monthly'] as const;
export type Cadence = (typeof CADENCES)[number];

const HOUR = 3_600_000;
/** The age a live publish may reach before the city is stale: one period plus a day's grace. */
export const CADENCE_MAX_AGE_HOURS: Record<Cadence, number> = {
  daily: 48,
  weekly: 8 * 24,
  monthly: 32 * 24,
};

export interface FreshnessRun {
  /** 'live' | 'sample' | 'file' */
  source: string;
  status: 'success' | 'failed';
  /** ISO time (UTC) the run finished. */
  finished: string;
  rowsLoaded: number;
}

export type StaleReason = 'never-published' | 'late' | 'zero-rows';

export interface FreshnessVerdict {
  stale: boolean;
  reason: StaleReason | null;
  /** 'live' when the last publish came from the live source, else 'sample' (static data). */
  mode: 'live' | 'sample' | null;
  /** Last successful run, whatever it loaded. */
  lastSuccess: string | null;
  /** Last successful run that loaded at least one row. */
  lastNonEmptySuccess: string | null;
  /** The last successful run loaded zero rows from a live source. */
  zeroRowWarning: boolean;
  maxAgeHours: number;
  /** Hours since the publish the verdict is measured from (null when none). */
  ageHours: number | null;
  /** The publish the verdict is measured from (null when none). */
  measuredFrom: string | null;
  /**
   * One plain English sentence for the API and the CLI; pages say it in their language from
   * the same facts (freshnessMessage in components/status/freshness-words.ts).
   */
  message: string;
}

const byFinished = (a: FreshnessRun, b: FreshnessRun) => a.finished.localeCompare(b.finished);

function parseTime(iso: string): number {
  // Timestamps from the warehouse come without a zone and are UTC.
  return Date.parse(/[zZ]|[+-]\d\d:?\d\d$/.test(iso) ? iso : `${iso.replace(' ', 'T')}Z`);
}

export function assessFreshness(
  runs: readonly FreshnessRun[],
  cadence: Cadence,
  now: Date,
): FreshnessVerdict {
  const maxAgeHours = CADENCE_MAX_AGE_HOURS[cadence];
  const successes = runs.filter((r) => r.status === 'success').sort(byFinished);
  const last = successes.at(-1);
  if (!last) {
    return {
      stale: true,
      reason: 'never-published',
      mode: null,
      lastSuccess: null,
      lastNonEmptySuccess: null,
      zeroRowWarning: false,
      maxAgeHours,
      ageHours: null,
      measuredFrom: null,
      message: 'No run has published this city yet.',
    };
  }
  const mode = last.source === 'live' ? 'live' : 'sample';
  const lastNonEmpty = successes.filter((r) => r.rowsLoaded > 0).at(-1) ?? null;
  const zeroRowWarning = mode === 'live' && last.rowsLoaded === 0;
  const base = {
    mode,
    lastSuccess: last.finished,
    lastNonEmptySuccess: lastNonEmpty?.finished ?? null,
    zeroRowWarning,
    maxAgeHours,
  } as const;
  if (mode === 'sample') {
    return {
      ...base,
      stale: false,
      reason: null,
      ageHours: hoursSince(last.finished, now),
      measuredFrom: last.finished,
      message: 'Bundled sample: a static snapshot, not refreshed from the live source.',
    };
  }
  // Live: measured from the last live publish that brought rows. A live source that has never
  // brought any is measured from its last success (nothing says it usually has rows).
  const liveWithRows = successes.filter((r) => r.source === 'live' && r.rowsLoaded > 0).at(-1);
  const measuredFrom = liveWithRows ?? last;
  const ageHours = hoursSince(measuredFrom.finished, now);
  if (ageHours > maxAgeHours) {
    const zero = liveWithRows !== undefined && liveWithRows !== last;
    return {
      ...base,
      stale: true,
      reason: zero ? 'zero-rows' : 'late',
      ageHours,
      measuredFrom: measuredFrom.finished,
      message: zero
        ? `Stale: the live runs since ${day(liveWithRows.finished)} loaded no new rows (a ${cadence} source is expected within ${describeHours(maxAgeHours)}).`
        : `Stale: last published ${day(measuredFrom.finished)}, more than ${describeHours(maxAgeHours)} ago for a ${cadence} source.`,
    };
  }
  return {
    ...base,
    stale: false,
    reason: null,
    ageHours,
    measuredFrom: measuredFrom.finished,
    message: zeroRowWarning
      ? `Warning: the last run loaded zero new rows; rows last arrived ${day(measuredFrom.finished)}.`
      : `Fresh: published ${day(measuredFrom.finished)} (${cadence} source).`,
  };
}

function hoursSince(iso: string, now: Date): number {
  return Math.max(0, (now.getTime() - parseTime(iso)) / HOUR);
}

function day(iso: string): string {
  return iso.slice(0, 10);
}

/** A cadence's allowance in whole days when it is one, else hours (the messages' {unit}). */
export function allowance(hours: number): { unit: 'days' | 'hours'; n: number } {
  return hours % 24 === 0 ? { unit: 'days', n: hours / 24 } : { unit: 'hours', n: hours };
}

function describeHours(hours: number): string {
  return hours % 24 === 0 ? `${hours / 24} days` : `${hours} hours`;
}
