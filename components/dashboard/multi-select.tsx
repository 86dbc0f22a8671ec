'use client';

import { useId, useMemo, useState } from 'react';
import type { FilterOption } from '@/lib/api/types';
import { useTranslations } from 'next-intl';
import { useWords } from '@/lib/i18n/words';

const SHOWN = 200;

export interface MultiSelectProps {
  label: string;
  options: FilterOption[] | undefined;
  selected: string[];
  onChange: (values: string[]) => void;
  testId?: string;
  /** How an option reads (our categories and channels translated); its value by default. */
  display?: (value: string) => string;
}

/** A disclosure with a search box and checkboxes; the summary says how many are chosen. */
export function MultiSelect({
  label,
  options,
  selected,
  onChange,
  testId,
  display = (value) => value,
}: MultiSelectProps) {
  const id = useId();
  const t = useTranslations('dashboard.multiSelect');
  const { format } = useWords();
  const [query, setQuery] = useState('');
  const chosen = useMemo(() => new Set(selected), [selected]);
  const matches = useMemo(() => {
    const needle = query.trim().toLowerCase();
    const list = options ?? [];
    return needle
      ? list.filter(
          (o) =>
            o.value.toLowerCase().includes(needle) ||
            display(o.value).toLowerCase().includes(needle),
        )
      : list;
  }, [options, query, display]);

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
          <span className="muted"> {t('all')}</span>
        )}
      </summary>
      <div className="multi-select-panel">
        <label htmlFor={`${id}-search`} className="visually-hidden">
          {t('search', { label: label.toLowerCase() })}
        </label>
        <input
          id={`${id}-search`}
          type="search"
          placeholder={t('searchPlaceholder', { label: label.toLowerCase() })}
          value={query}
          onChange={(event) => setQuery(event.target.value)}
        />
        {selected.length ? (
          <button type="button" className="link-button" onClick={() => onChange([])}>
            {t('clear', { count: selected.length })}
          </button>
        ) : null}
        {options === undefined ? (
          <p className="muted">{t('loading')}</p>
        ) : matches.length === 0 ? (
          <p className="muted">{t('noMatch')}</p>
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
                  <span>{display(option.value)}</span>
                  <span className="muted count">{format.count(option.count)}</span>
                </label>
              </li>
            ))}
          </ul>
        )}
        {matches.length > SHOWN ? (
          <p className="muted">{t('showing', { shown: SHOWN, total: matches.length })}</p>
        ) : null}
      </div>
    </details>
  );
}
