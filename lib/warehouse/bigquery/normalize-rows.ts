/**
 * Turn the BigQuery client's values into the same plain JSON the DuckDB driver returns:
 * - INT64 (read as BigQueryInt, i.e. a decimal string) → number when it is a safe integer,
 *   otherwise the exact decimal string (counts here are far below 2^53);
 * - NUMERIC/BIGNUMERIC (big.js `Big`) → number;
 * - DATE → `YYYY-MM-DD`, DATETIME → `YYYY-MM-DDTHH:MM:SS.mmmZ` and TIMESTAMP → ISO instant:
 *   exactly what the DuckDB driver prints for DATE/TIMESTAMP, so a page renders the same rows
 *   from either warehouse. The `Z` on DATETIME is that shared convention, not a zone: contract
 *   timestamps are local wall-clock time;
 * - BOOL stays boolean, FLOAT64 NaN/±Infinity → null, BYTES → base64, GEOGRAPHY → WKT,
 *   ARRAY/STRUCT/JSON → JSON text.
 */
import type { JsonScalar, Row } from '../types';
import { normalizeScalar } from '../normalize-scalar';

/** `2024-03-05T10:11:12.123456` (BigQuery DATETIME, up to microseconds) → ms-precision ISO. */
function civilToIso(value: string): string {
  const match = /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?)?$/.exec(
    value,
  );
  if (!match) return value;
  const [, date, hh = '00', mm = '00', ss = '00', fraction = ''] = match;
  const ms = fraction.padEnd(3, '0').slice(0, 3);
  return `${date}T${hh}:${mm}:${ss}.${ms}Z`;
}

/** big.js values print their exact decimal digits. */
interface Printable {
  toString(): string;
}

function className(value: object): string {
  return value.constructor?.name ?? '';
}

export function normalizeValue(value: unknown): JsonScalar {
  return normalizeScalar(value, normalizeObject);
}

function normalizeObject(value: object): JsonScalar {
  if (value instanceof Date) return value.toISOString();
  if (Buffer.isBuffer(value)) return value.toString('base64');
  if (Array.isArray(value)) return JSON.stringify(value.map(normalizeValue));
  const wrapped = (value as { value?: unknown }).value;
  switch (className(value)) {
    case 'BigQueryInt': {
      const text = String(wrapped);
      const asNumber = Number(text);
      // Beyond 2^53 a number would silently change the value: keep the exact digits.
      return Number.isSafeInteger(asNumber) ? asNumber : text;
    }
    case 'BigQueryDate':
      return String(wrapped).slice(0, 10);
    case 'BigQueryDatetime':
      return civilToIso(String(wrapped));
    case 'BigQueryTimestamp':
      return new Date(String(wrapped)).toISOString();
    case 'BigQueryTime':
    case 'Geography':
      return String(wrapped);
    case 'Big': {
      // NUMERIC/BIGNUMERIC: a double is precise enough for rates and hours on a chart.
      const text = (value as Printable).toString();
      const asNumber = Number(text);
      return Number.isFinite(asNumber) ? asNumber : text;
    }
    default:
      // STRUCT (a plain object) and anything unexpected: JSON text, still a scalar.
      return JSON.stringify(
        Object.fromEntries(
          Object.entries(value).map(([key, inner]) => [key, normalizeValue(inner)]),
        ),
      );
  }
}

export function normalizeRows(rows: readonly Record<string, unknown>[]): Row[] {
  return rows.map((row) => {
    const out: Row = {};
    for (const [key, value] of Object.entries(row)) out[key] = normalizeValue(value);
    return out;
  });
}
