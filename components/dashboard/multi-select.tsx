'use client';

import { useId, useMemo, useState } from 'react';
import type { FilterOption } from '@/lib/api/types';
import { formatCount } from '@/components/map/format';

const SHOWN = 200;

export interface MultiSelectProps {
  label: string;
  options: FilterOption[] | undefined;
  selected: string[];
  onChange: (values: string[]) => void;
  testId?: string;
}

/** A disclosure with a search box and checkboxes; the summary says how many are chosen. */
export function MultiSelect({ label, options, selected, onChange, testId }: MultiSelectProps) {
  const id = useId();
  const [query, setQuery] = useState('');
  const chosen = useMemo(() => new Set(selected), [selected]);
  const matches = useMemo(() => {
    const needle = query.trim().toLowerCase();
    const list = options ?? [];
    return needle ? list.filter((o) => o.value.toLowerCase().includes(needle)) : list;
  }, [options, query]);

  const toggle = (value: string) => {
    const next = new Set(chosen);
    if (next.has(value)) next.delete(value);
    else next.add(value);
    onChange([...next]);
  };

  return (
    <details className="multi-select" data-testid={testId}>
      <summary>
        {label}
        {selected.length ? (
          <span className="badge">{selected.length}</span>
        ) : (
          <span className="muted"> all</span>
        )}
      </summary>
      <div className="multi-select-panel">
        <label htmlFor={`${id}-search`} className="visually-hidden">
          Search {label.toLowerCase()}
        </label>
        <input
          id={`${id}-search`}
          type="search"
          placeholder={`Search ${label.toLowerCase()}…`}
          value={query}
          onChange={(event) => setQuery(event.target.value)}
        />
        {selected.length ? (
          <button type="button" className="link-button" onClick={() => onChange([])}>
            Clear {selected.length} selected
          </button>
        ) : null}
        {options === undefined ? (
          <p className="muted">Loading…</p>
        ) : matches.length === 0 ? (
          <p className="muted">No match.</p>
        ) : (
          <ul>
            {matches.slice(0, SHOWN).map((option) => (
              <li key={option.value}>
                <label>
                  <input
                    type="checkbox"
                    checked={chosen.has(option.value)}
                    onChange={() => toggle(option.value)}
                  />
                  <span>{option.value}</span>
                  <span className="muted count">{formatCount(option.count)}</span>
                </label>
              </li>
            ))}
          </ul>
        )}
        {matches.length > SHOWN ? (
          <p className="muted">
            Showing {SHOWN} of {matches.length}: type to narrow.
          </p>
        ) : null}
      </div>
    </details>
  );
}
