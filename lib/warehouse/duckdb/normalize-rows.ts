/**
 * Turn DuckDB's JS values into plain JSON: BIGINT/HUGEINT become numbers (exact digits beyond
 * 2^53), DECIMAL becomes a double, DATE becomes `YYYY-MM-DD` and TIMESTAMP an ISO string.
 * React and JSON never see a driver type.
 */
import { normalizeScalar } from '../normalize-scalar';
import type { JsonScalar, Row } from '../types';

export function normalizeValue(value: unknown): JsonScalar {
  return normalizeScalar(value, (object) => {
    if (object instanceof Date) return object.toISOString();
    // DuckDB value classes (decimal, date, timestamp, interval) all print themselves.
    const text = (object as { toString(): string }).toString();
    const asNumber = Number(text);
    return text.trim() !== '' && Number.isFinite(asNumber) ? asNumber : text;
  });
}

/** `dateColumns`: the DATE columns, whose JS Date values become `YYYY-MM-DD`. */
export function normalizeRows(
  rows: readonly Record<string, unknown>[],
  dateColumns: readonly string[] = [],
): Row[] {
  const dates = new Set(dateColumns);
  return rows.map((row) => {
    const out: Row = {};
    for (const [key, value] of Object.entries(row)) {
      out[key] =
        dates.has(key) && value instanceof Date
          ? value.toISOString().slice(0, 10)
          : normalizeValue(value);
    }
    return out;
  });
}
