/**
 * Which BigQuery type each bound parameter travels as. BigQuery needs a type for every query
 * parameter and cannot infer one for NULL, so the driver always sends an explicit `types` list:
 * the caller's type for a position when given, otherwise one inferred from the JS value.
 */
import { BigQuery } from '@google-cloud/bigquery';
import type { Param } from '../types';

export const BIGQUERY_PARAM_TYPES = [
  'STRING',
  'INT64',
  'FLOAT64',
  'BOOL',
  'DATE',
  'DATETIME',
  'TIMESTAMP',
  'NUMERIC',
] as const;
export type BigQueryParamType = (typeof BIGQUERY_PARAM_TYPES)[number];

/**
 * The type for one parameter. A declared type wins (that is how a NULL gets DATE, or an ISO
 * string becomes a DATE rather than a STRING). Undeclared: integers → INT64, other numbers →
 * FLOAT64, booleans → BOOL, strings → STRING and NULL → STRING, which BigQuery coerces in
 * comparisons like `col = ?` only for STRING columns: declare the type for other NULLs.
 */
export function paramType(value: Param, declared?: BigQueryParamType): BigQueryParamType {
  if (declared) return declared;
  switch (typeof value) {
    case 'number':
      return Number.isInteger(value) ? 'INT64' : 'FLOAT64';
    case 'boolean':
      return 'BOOL';
    default:
      // Strings, and NULL by default: see the docblock.
      return 'STRING';
  }
}

export function paramTypes(
  params: readonly Param[],
  declared: readonly (BigQueryParamType | undefined)[] = [],
): BigQueryParamType[] {
  if (declared.length > params.length) {
    throw new Error(
      `${declared.length} parameter types were given for ${params.length} parameters.`,
    );
  }
  return params.map((value, i) => paramType(value, declared[i]));
}

/**
 * The value as the client wants it for its type: for DATE/DATETIME/TIMESTAMP the client sends
 * `value.value`, so an ISO string must be wrapped or it would go out empty.
 */
export function wireValue(value: Param, type: BigQueryParamType): unknown {
  if (value === null || typeof value !== 'string') return value;
  switch (type) {
    case 'DATE':
      return BigQuery.date(value);
    case 'DATETIME':
      return BigQuery.datetime(value);
    case 'TIMESTAMP':
      return BigQuery.timestamp(value);
    default:
      return value;
  }
}
