/**
 * The dashboard's numbers in the page's language (pure, client-safe): fixed decimals where a
 * figure must keep them ("12.0", "12,0"), and the one way every relative change of the headline
 * strip is rounded, so the Change card and the line under the total never disagree.
 */
import type { Locale } from '@/lib/i18n/locales';

const formats = new Map<string, Intl.NumberFormat>();

function formatter(locale: Locale, digits: number, percent: boolean): Intl.NumberFormat {
  const key = `${locale}|${digits}|${percent}`;
  let format = formats.get(key);
  if (!format) {
    format = new Intl.NumberFormat(locale, {
      style: percent ? 'percent' : 'decimal',
      minimumFractionDigits: digits,
      maximumFractionDigits: digits,
    });
    formats.set(key, format);
  }
  return format;
}

/** A number with exactly `digits` decimals: "12.0" / "12,0". */
export function fixed(locale: Locale, value: number, digits: number): string {
  return formatter(locale, digits, false).format(value);
}

/** A percentage (0–100) with exactly `digits` decimals and the locale's sign: "87.1%" / "87,1 %". */
export function fixedPercent(locale: Locale, value: number, digits: number): string {
  return formatter(locale, digits, true).format(value / 100);
}

/** Decimals of a relative change: one under 10% (after rounding), none from 10% up. */
export function changeDigits(pct: number): number {
  return Math.abs(Math.round(pct * 10) / 10) < 10 ? 1 : 0;
}

/**
 * A relative change in % with a true minus sign: "−1.2%", "+14%", "±0.0%"; one decimal under
 * 10%, whole percent from 10% up (changeDigits), the same rounding wherever it is shown.
 */
export function signedChange(pct: number, locale: Locale): string {
  const digits = changeDigits(pct);
  const factor = 10 ** digits;
  const rounded = Math.round(pct * factor) / factor;
  const sign = rounded > 0 ? '+' : rounded < 0 ? '−' : '±';
  return `${sign}${fixedPercent(locale, Math.abs(rounded), digits)}`;
}
