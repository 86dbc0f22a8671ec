/**
 * Turn DuckDB's JS values into plain JSON: BIGINT/HUGEINT become numbers (counts here are far
 * below 2^53), DECIMAL becomes a double, DATE/TIMESTAMP become ISO strings. React and JSON
 * never see a driver type.
 */
import type { JsonScalar, Row } from '../types';

export function normalizeValue(value: unknown): JsonScalar {
  if (value === null || value === undefined) return null;
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return value;
    case 'number':
      // NaN and infinities are not JSON: they mean "no value" to a chart.
      return Number.isFinite(value) ? value : null;
    case 'bigint':
      return Number(value);
    case 'object': {
      if (value instanceof Date) return value.toISOString();
      // DuckDB value classes (decimal, date, timestamp, interval) all print themselves.
      const text = (value as { toString(): string }).toString();
      const asNumber = Number(text);
      return text.trim() !== '' && Number.isFinite(asNumber) ? asNumber : text;
    }
    default:
      // Functions and symbols have no JSON form.
      return null;
  }
}

export function normalizeRows(rows: readonly Record<string, unknown>[]): Row[] {
  return rows.map((row) => {
    const out: Row = {};
    for (const [key, value] of Object.entries(row)) out[key] = normalizeValue(value);
    return out;
  });
}
