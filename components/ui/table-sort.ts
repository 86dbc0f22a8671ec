/** Sorting and filtering for DataTable (pure). */
import type { ReactNode } from 'react';

export interface Column<T> {
  key: string;
  label: string;
  /** Right-aligned with tabular figures; sorts descending first. */
  numeric?: boolean;
  value: (row: T) => string | number | null;
  render?: (row: T) => ReactNode;
  /** The row header (scope="row"): the column that names the row. */
  rowHeader?: boolean;
}

export interface SortState {
  key: string;
  descending: boolean;
}

/** Nulls last in both directions; ties keep their order. */
export function sortRows<T>(rows: readonly T[], column: Column<T>, descending: boolean): T[] {
  const indexed = rows.map((row, i) => ({ row, i, v: column.value(row) }));
  indexed.sort((a, b) => {
    if (a.v === null && b.v === null) return a.i - b.i;
    if (a.v === null) return 1;
    if (b.v === null) return -1;
    const order =
      typeof a.v === 'number' && typeof b.v === 'number'
        ? a.v - b.v
        : String(a.v).localeCompare(String(b.v));
    return (descending ? -order : order) || a.i - b.i;
  });
  return indexed.map((x) => x.row);
}

/** Rows where any text column contains the needle (case-insensitive). */
export function filterRows<T>(
  rows: readonly T[],
  columns: readonly Column<T>[],
  needle: string,
): T[] {
  const q = needle.trim().toLowerCase();
  if (!q) return [...rows];
  const text = columns.filter((c) => !c.numeric);
  return rows.filter((row) =>
    text.some((c) =>
      String(c.value(row) ?? '')
        .toLowerCase()
        .includes(q),
    ),
  );
}
