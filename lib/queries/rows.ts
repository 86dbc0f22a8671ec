/**
 * Every app query reads its rows through a zod row schema: the columns it expects and their
 * types, checked as the rows leave the warehouse. A row that does not match is a broken
 * contract between the SQL and the code, answered 503 and logged (never a silently wrong
 * figure). Column builders for the shapes the marts return are here.
 */
import 'server-only';
import { z } from 'zod';
import { WarehouseError, type Warehouse } from '@/lib/warehouse/types';
import type { SqlFragment } from './filters-sql';

/** A sum or count: null (a sum over no rows) is 0. */
export const count = z
  .number()
  .nullable()
  .transform((value) => value ?? 0);
/** A measure that may have no answer (a max over no rows). */
export const numberOrNull = z.number().nullable();
/** Text that may be missing in the data: '' then. */
export const text = z
  .string()
  .nullable()
  .transform((value) => value ?? '');
export const textOrNull = z.string().nullable();
/** A DATE column: the drivers return YYYY-MM-DD. */
export const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
export const isoDateOrNull = isoDate.nullable();
export const flag = z.boolean().nullable();

export async function queryRows<S extends z.ZodRawShape>(
  wh: Warehouse,
  query: SqlFragment,
  shape: S,
): Promise<z.infer<z.ZodObject<S>>[]> {
  const rows = await wh.query(query.sql, query.params);
  const parsed = z.array(z.object(shape)).safeParse(rows);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  throw new WarehouseError(
    `A query answered rows of an unexpected shape (${issue?.path.join('.') ?? '?'}: ${issue?.message ?? ''}).`,
    'bad-query',
    { cause: parsed.error },
  );
}

/** The one row of an aggregate query. */
export async function queryRow<S extends z.ZodRawShape>(
  wh: Warehouse,
  query: SqlFragment,
  shape: S,
): Promise<z.infer<z.ZodObject<S>> | undefined> {
  const [row] = await queryRows(wh, query, shape);
  return row;
}
