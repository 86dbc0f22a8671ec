/**
 * The part of row normalisation every driver shares: JSON scalars pass, non-finite numbers become
 * null, BIGINT becomes a number while it is exact (its digits beyond 2^53), functions and symbols
 * have no JSON form. Each driver passes its own handler for its value classes (objects).
 */
import type { JsonScalar } from './types';

export function normalizeScalar(
  value: unknown,
  normalizeObject: (value: object) => JsonScalar,
): JsonScalar {
  if (value === null || value === undefined) return null;
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return value;
    case 'number':
      // NaN and infinities are not JSON: they mean "no value" to a chart.
      return Number.isFinite(value) ? value : null;
    case 'bigint':
      return Number.isSafeInteger(Number(value)) ? Number(value) : value.toString();
    case 'object':
      return normalizeObject(value);
    default:
      return null;
  }
}
