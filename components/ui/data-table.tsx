'use client';
/**
 * A long table read at a glance: its top rows first, "Show all" for the rest (every row stays
 * available), sortable by any column, filterable by text, with sticky headers and right-aligned
 * tabular numbers. Sorting and filtering are pure (`sortRows`, `filterRows`) and unit-tested.
 */
import { useId, useMemo, useState, type ReactNode } from 'react';
import { useTranslations } from 'next-intl';
import { filterRows, sortRows, type Column, type SortState } from './table-sort';

export type { Column, SortState } from './table-sort';

export function DataTable<T>({
  rows,
  columns,
  caption,
  initialSort,
  top = 8,
  rowKey,
  testId,
  className,
}: {
  rows: readonly T[];
  columns: Column<T>[];
  caption: ReactNode;
  initialSort?: SortState;
  top?: number;
  rowKey: (row: T) => string;
  testId?: string;
  className?: string;
}) {
  const t = useTranslations('dashboard.dataTable');
  const id = useId();
  const [sort, setSort] = useState<SortState | undefined>(initialSort);
  const [all, setAll] = useState(false);
  const [needle, setNeedle] = useState('');
  const sorted = useMemo(() => {
    const column = sort && columns.find((c) => c.key === sort.key);
    const filtered = filterRows(rows, columns, needle);
    return column ? sortRows(filtered, column, sort.descending) : filtered;
  }, [rows, columns, sort, needle]);
  const shown = all || sorted.length <= top + 2 ? sorted : sorted.slice(0, top);
  const long = rows.length > top + 2;

  return (
    <div className={`data-table ${className ?? ''}`} data-testid={testId}>
      {long ? (
        <div className="data-table-tools">
          <label htmlFor={`${id}-filter`} className="visually-hidden">
            {t('filter')}
          </label>
          <input
            id={`${id}-filter`}
            type="search"
            placeholder={t('filterPlaceholder')}
            value={needle}
            onChange={(event) => setNeedle(event.target.value)}
          />
          <span className="muted small" aria-live="polite">
            {sorted.length === rows.length
              ? t('shown', { shown: shown.length, total: rows.length })
              : t('shownMatching', {
                  shown: shown.length,
                  matching: sorted.length,
                  total: rows.length,
                })}
          </span>
          <button
            type="button"
            className="link-button"
            aria-expanded={all}
            onClick={() => setAll(!all)}
            data-testid={testId ? `${testId}-show-all` : undefined}
          >
            {all ? t('showTop', { top }) : t('showAll', { count: sorted.length })}
          </button>
        </div>
      ) : null}
      <div className={`table-scroll ${all ? 'expanded' : ''}`}>
        <table className="table">
          <caption>{caption}</caption>
          <thead>
            <tr>
              {columns.map((column) => {
                const active = sort?.key === column.key;
                return (
                  <th
                    key={column.key}
                    scope="col"
                    className={column.numeric ? 'num' : undefined}
                    aria-sort={active ? (sort.descending ? 'descending' : 'ascending') : 'none'}
                  >
                    <button
                      type="button"
                      className="sort-button"
                      onClick={() =>
                        setSort({
                          key: column.key,
                          descending: active ? !sort.descending : !!column.numeric,
                        })
                      }
                    >
                      {column.label}
                      <span aria-hidden="true" className="sort-mark">
                        {active ? (sort.descending ? ' ▼' : ' ▲') : ' ↕'}
                      </span>
                    </button>
                  </th>
                );
              })}
            </tr>
          </thead>
          <tbody>
            {shown.map((row) => (
              <tr key={rowKey(row)}>
                {columns.map((column) => {
                  const content = column.render ? column.render(row) : column.value(row);
                  return column.rowHeader ? (
                    <th key={column.key} scope="row">
                      {content}
                    </th>
                  ) : (
                    <td key={column.key} className={column.numeric ? 'num' : undefined}>
                      {content}
                    </td>
                  );
                })}
              </tr>
            ))}
            {shown.length === 0 ? (
              <tr>
                <td colSpan={columns.length} className="muted">
                  {t('noMatch', { needle })}
                </td>
              </tr>
            ) : null}
          </tbody>
        </table>
      </div>
    </div>
  );
}
