/**
 * Month arithmetic and the date range of a view, pure and client-safe. Every date is an ISO
 * `YYYY-MM-DD` string with a four-digit year; arithmetic is on month indexes and day counts, never
 * on JavaScript Date (which maps years 0–99 to 1900–1999 and prints years past 9999 as +010000),
 * and results are clamped to 0001-01-01 … 9999-12-31 so every valid view has a valid range.
 */

/** An inclusive range of months, each the ISO date of its first day. */
export interface MonthRange {
  fromMonth: string;
  toMonth: string;
}

/** The effective range of a view: first day of the first month to last day of the last. */
export interface DateRange extends MonthRange {
  from: string;
  to: string;
  months: number;
}

/** How many months a view covers when it names no dates. */
export const DEFAULT_MONTHS = 12;

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})/;
const FIRST_INDEX = 1 * 12; // 0001-01
const LAST_INDEX = 9999 * 12 + 11; // 9999-12

function parseIso(date: string): { year: number; month: number; day: number } {
  const match = ISO_DATE.exec(date);
  if (!match) throw new RangeError(`not an ISO date: ${date}`);
  return { year: Number(match[1]), month: Number(match[2]), day: Number(match[3]) };
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** A date with a four-digit year, whatever the year. */
export function isoDate(year: number, month: number, day: number): string {
  return `${pad(year, 4)}-${pad(month)}-${pad(day)}`;
}

function monthIndex(date: string): number {
  const { year, month } = parseIso(date);
  return year * 12 + (month - 1);
}

function fromIndex(index: number): string {
  const clamped = Math.min(LAST_INDEX, Math.max(FIRST_INDEX, index));
  return isoDate(Math.floor(clamped / 12), (clamped % 12) + 1, 1);
}

/** First day of the month `offset` months after the month of `date` (clamped to 0001–9999). */
export function addMonths(date: string, offset: number): string {
  return fromIndex(monthIndex(date) + offset);
}

export function monthStart(date: string): string {
  return addMonths(date, 0);
}

function isLeap(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

const DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

export function daysInMonth(year: number, month: number): number {
  return month === 2 && isLeap(year) ? 29 : (DAYS[month - 1] ?? 31);
}

/** Last day of the month of `date`. */
export function monthEnd(date: string): string {
  const { year, month } = parseIso(date);
  return isoDate(year, month, daysInMonth(year, month));
}

export function monthsBetween(fromMonth: string, toMonth: string): number {
  return monthIndex(toMonth) - monthIndex(fromMonth) + 1;
}

/** Every month from `fromMonth` to `toMonth` inclusive (empty when from is after to). */
export function monthList(fromMonth: string, toMonth: string): string[] {
  const count = Math.max(0, monthsBetween(fromMonth, toMonth));
  return Array.from({ length: count }, (_, i) => addMonths(fromMonth, i));
}

export interface Coverage {
  /** First and last month with data (dim_city). */
  firstMonth: string;
  lastMonth: string;
  /** The latest opening date in the data (YYYY-MM-DD), or null when unknown. */
  lastOpened: string | null;
  /**
   * The latest month with data before lastMonth: null when there is none, undefined when not
   * known (then the month just before is taken).
   */
  previousMonth?: string | null;
}

/**
 * Whether the last month of data is complete: the data must run to its last day. A file pulled
 * on the 14th holds half a month, which a chart would draw as a drop.
 */
export function lastMonthIsPartial(coverage: Coverage): boolean {
  if (!coverage.lastOpened) return false;
  return coverage.lastOpened.slice(0, 10) < monthEnd(coverage.lastMonth);
}

/**
 * The last complete month with data: the last month itself when it is complete (or the only
 * month), else the latest month with data before it (a file that resumes years later with half
 * a month must not default to twelve empty months).
 */
export function lastCompleteMonth(coverage: Coverage): string {
  if (!lastMonthIsPartial(coverage) || coverage.lastMonth <= coverage.firstMonth) {
    return coverage.lastMonth;
  }
  if (coverage.previousMonth === undefined) return addMonths(coverage.lastMonth, -1);
  return coverage.previousMonth ?? coverage.lastMonth;
}

/**
 * The months a view covers. Without `to`, the range ends at `coverage`'s end (the last
 * complete month when the view names no dates at all); without `from`, it starts
 * DEFAULT_MONTHS − 1 months before its end, so the default is the last 12 complete months.
 */
export function resolveRange(
  view: { from?: string | undefined; to?: string | undefined },
  coverage: Coverage | string,
): DateRange {
  const end =
    typeof coverage === 'string'
      ? coverage
      : view.to === undefined && view.from === undefined
        ? lastCompleteMonth(coverage)
        : coverage.lastMonth;
  const start = view.from ? monthStart(view.from) : undefined;
  let toMonth = monthStart(view.to ?? end);
  // A start after the end of the data: the range is that one month (empty, never inverted).
  if (start && !view.to && toMonth < start) toMonth = start;
  return monthRange(start ?? addMonths(toMonth, -(DEFAULT_MONTHS - 1)), toMonth);
}

/** The whole months fromMonth…toMonth as a range, its last day and its length included. */
function monthRange(fromMonth: string, toMonth: string): DateRange {
  return {
    fromMonth,
    toMonth,
    from: fromMonth,
    to: monthEnd(toMonth),
    months: monthsBetween(fromMonth, toMonth),
  };
}

/** The period of equal length just before `range` (for change_pct). */
export function previousRange(range: MonthRange): DateRange {
  const months = monthsBetween(range.fromMonth, range.toMonth);
  return monthRange(addMonths(range.fromMonth, -months), addMonths(range.fromMonth, -1));
}

/** Keep from ≤ to after one end changes (a typed date can bypass an input's min/max). */
export function clampDates(
  current: { from?: string | undefined; to?: string | undefined },
  change: { from: string | undefined } | { to: string | undefined },
): { from: string | undefined; to: string | undefined } {
  if ('from' in change) {
    const { from } = change;
    return { from, to: from && current.to && from > current.to ? from : current.to };
  }
  const { to } = change;
  return { to, from: to && current.from && current.from > to ? to : current.from };
}

/**
 * The baseline period a view is compared with, defined once for every route and the dashboard:
 * - `previous`: the same number of whole months immediately before the range;
 * - `last_year`: the same months a year earlier (Feb 2024, with its leap day, against Feb 2023 to
 *   the 28th: the marts are monthly, so a month is compared with the whole same month).
 * Years before 0001 clamp like every other range.
 */
export function baselineRange(range: MonthRange, compare: 'previous' | 'last_year'): DateRange {
  if (compare === 'previous') return previousRange(range);
  return monthRange(addMonths(range.fromMonth, -12), addMonths(range.toMonth, -12));
}

/**
 * Whether a compared range ends in a partial month: the data's last opening date falls inside
 * the range's last month before its last day, so the period holds fewer days than its baseline
 * (a fall that is only the file's cut-off). The answer says so beside the change.
 */
export function rangeEndsPartial(range: Pick<DateRange, 'to'>, lastOpened: string | null): boolean {
  if (!lastOpened) return false;
  const last = lastOpened.slice(0, 10);
  return last < range.to && last >= monthStart(range.to);
}
