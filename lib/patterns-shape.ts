/**
 * When requests arrive, pure and client-safe: the 7 × 24 weekday × hour grid of a view (ISO
 * weekdays, Monday first; local hours as published), its busiest two-hour window, day and hour,
 * and the sentence that names the peak in words ("Most requests arrive Mondays 9–11 am").
 * lib/queries/patterns.ts runs the SQL over mart_patterns and hands its rows to these functions.
 */
import type { PatternsPeak, PatternsRow } from '@/lib/api/types';
import type { Nouns } from '@/lib/api/texts';

const weekdayFormats = new Map<string, Intl.DateTimeFormat>();

/**
 * ISO weekday 1–7 (Monday first) by name in a language, from Intl.DateTimeFormat:
 * "Monday" / "lundi" / "lunes" long, "Mon" / "lun." / "lun" short.
 */
export function weekdayName(
  weekday: number,
  locale = 'en',
  width: 'long' | 'short' = 'long',
): string {
  const id = `${locale}\u0000${width}`;
  let f = weekdayFormats.get(id);
  if (!f) {
    f = new Intl.DateTimeFormat(locale, { weekday: width, timeZone: 'UTC' });
    weekdayFormats.set(id, f);
  }
  // 2024-01-01 was a Monday.
  return f.format(new Date(Date.UTC(2024, 0, weekday)));
}

/** The English names, as the API's rows carry them. */
export const WEEKDAY_NAMES: readonly string[] = Array.from({ length: 7 }, (_, i) =>
  weekdayName(i + 1),
);

export const HOURS = 24;
/** The width of the named peak window, in hours. */
export const PEAK_HOURS = 2;

export interface WeekdayHourCount {
  /** ISO weekday, 1 = Monday … 7 = Sunday. */
  weekday: number;
  /** 0–23, local wall-clock time. */
  hour: number;
  count: number;
}

function ratio(part: number, whole: number): number | null {
  return whole > 0 ? Math.round((part / whole) * 10_000) / 10_000 : null;
}

/** Seven rows (Monday … Sunday) of 24 hourly counts; hours with nothing are 0. */
export function shapeGrid(counts: readonly WeekdayHourCount[]): PatternsRow[] {
  const rows: PatternsRow[] = WEEKDAY_NAMES.map((label, i) => ({
    weekday: i + 1,
    label,
    counts: Array.from({ length: HOURS }, () => 0),
    total: 0,
  }));
  for (const { weekday, hour, count } of counts) {
    const row = rows[weekday - 1];
    if (!row || !Number.isInteger(hour) || hour < 0 || hour >= HOURS) {
      throw new Error(`not a weekday and hour: ${weekday}, ${hour}`);
    }
    row.counts[hour] = (row.counts[hour] ?? 0) + count;
    row.total += count;
  }
  return rows;
}

/**
 * The busiest window of PEAK_HOURS consecutive hours within one day (ties: the earliest in the
 * week), the busiest day and the busiest hour of the day summed over the week; null when empty.
 */
export function findPeaks(rows: readonly PatternsRow[]): {
  window: PatternsPeak | null;
  day: { weekday: number; count: number; share: number | null } | null;
  hour: { hour: number; count: number; share: number | null } | null;
} {
  const total = rows.reduce((sum, row) => sum + row.total, 0);
  if (total === 0) return { window: null, day: null, hour: null };
  let window: PatternsPeak | null = null;
  for (const row of rows) {
    for (let start = 0; start + PEAK_HOURS <= HOURS; start += 1) {
      let count = 0;
      for (let h = start; h < start + PEAK_HOURS; h += 1) count += row.counts[h] ?? 0;
      if (!window || count > window.count) {
        window = {
          weekday: row.weekday,
          fromHour: start,
          toHour: start + PEAK_HOURS,
          count,
          share: ratio(count, total),
        };
      }
    }
  }
  let day = rows[0]!;
  for (const row of rows) if (row.total > day.total) day = row;
  const byHour = Array.from({ length: HOURS }, (_, h) =>
    rows.reduce((sum, row) => sum + (row.counts[h] ?? 0), 0),
  );
  let hour = 0;
  byHour.forEach((count, h) => {
    if (count > (byHour[hour] ?? 0)) hour = h;
  });
  return {
    window,
    day: { weekday: day.weekday, count: day.total, share: ratio(day.total, total) },
    hour: { hour, count: byHour[hour] ?? 0, share: ratio(byHour[hour] ?? 0, total) },
  };
}

/** 0 → "12 am", 9 → "9 am", 12 → "12 pm", 24 → "12 am" (midnight at the end of the day). */
export function hourLabel(hour: number): string {
  const h = ((hour % 24) + 24) % 24;
  const twelve = h % 12 === 0 ? 12 : h % 12;
  return `${twelve} ${h < 12 ? 'am' : 'pm'}`;
}

/** "9–11 am", "11 am–1 pm", "11 pm–12 am": the half of the day is said once when shared. */
export function hourRange(fromHour: number, toHour: number): string {
  const from = hourLabel(fromHour);
  const to = hourLabel(toHour);
  const sameHalf = fromHour < 12 === toHour < 12 && toHour < 24;
  return sameHalf ? `${from.split(' ')[0]}–${to}` : `${from}–${to}`;
}

const hourFormats = new Map<string, Intl.DateTimeFormat>();

/**
 * An hour of the day in a language: English keeps "9 am" (hourLabel); other languages write the
 * 24-hour clock of their locale through Intl ("9:00", "0:00" for midnight).
 */
export function localHourLabel(hour: number, locale = 'en'): string {
  if (locale === 'en') return hourLabel(hour);
  let f = hourFormats.get(locale);
  if (!f) {
    f = new Intl.DateTimeFormat(locale, {
      hour: 'numeric',
      minute: '2-digit',
      hourCycle: 'h23',
      timeZone: 'UTC',
    });
    hourFormats.set(locale, f);
  }
  return f.format(new Date(Date.UTC(2024, 0, 1, ((hour % 24) + 24) % 24)));
}

/** hourRange in a language: "9–11 am" in English, "9:00–11:00" elsewhere. */
export function localHourRange(fromHour: number, toHour: number, locale = 'en'): string {
  if (locale === 'en') return hourRange(fromHour, toHour);
  return `${localHourLabel(fromHour, locale)}–${localHourLabel(toHour, locale)}`;
}

/** "Most requests arrive Mondays 9–11 am (4.2 % of all requests)." */
export function peakSentence(peak: PatternsPeak, nouns: Pick<Nouns, 'many'>): string {
  const day = WEEKDAY_NAMES[peak.weekday - 1] ?? '';
  const many = nouns.many;
  const share = peak.share === null ? '' : ` (${(peak.share * 100).toFixed(1)} % of all ${many})`;
  return `Most ${many} arrive ${day}s ${hourRange(peak.fromHour, peak.toHour)}${share}.`;
}

/** "Monday is the busiest day; 10–11 am the busiest hour." */
export function busiestSentence(
  day: { weekday: number } | null,
  hour: { hour: number } | null,
): string | null {
  if (!day || !hour) return null;
  return `${WEEKDAY_NAMES[day.weekday - 1] ?? ''} is the busiest day; ${hourRange(hour.hour, hour.hour + 1)} the busiest hour.`;
}
