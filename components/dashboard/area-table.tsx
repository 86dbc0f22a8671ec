'use client';

import { useMemo, useState } from 'react';
import { useTranslations } from 'next-intl';
import type { ChoroplethResponse } from '@/lib/api/types';
import { rankAreas } from '@/components/map/rank';
import type { Format } from '@/lib/i18n/format';
import type { Locale } from '@/lib/i18n/locales';
import { nounOf, useWords } from '@/lib/i18n/words';
import type { Metric } from '@/lib/view';
import { fixedPercent } from './numbers';

/** "+1.2%", "−3.0%": a relative change with one decimal and a true minus sign. */
function formatRelative(value: number | null, locale: Locale): string {
  if (value === null) return '–';
  const rounded = Math.round(value * 10) / 10;
  const sign = rounded > 0 ? '+' : rounded < 0 ? '−' : '±';
  return `${sign}${fixedPercent(locale, Math.abs(rounded), 1)}`;
}

/** "+18", "−2.5 d": a difference in the metric's own unit, signed. */
function formatDifference(value: number | null, metric: Metric, format: Format): string {
  if (value === null) return '–';
  const text = format.value(Math.abs(value), metric);
  return value > 0 ? `+${text}` : value < 0 ? `−${text}` : text;
}

type SortKey = 'area' | 'value' | 'change';

export interface AreaTableProps {
  data: ChoroplethResponse;
  levelLabel: string;
  selectedKey: string | undefined;
  onSelect: (areaKey: string) => void;
}

/**
 * The map as a table, for keyboard and screen-reader users: every row selects its area. All
 * rows are here, in a scroll box beside the map with a sticky header and a name filter; areas
 * whose value rests on too few requests say so and take no rank.
 */
export function AreaTable({ data, levelLabel, selectedKey, onSelect }: AreaTableProps) {
  const t = useTranslations('dashboard.table');
  const words = useWords();
  const { format, locale } = words;
  const [sort, setSort] = useState<{ key: SortKey; descending: boolean }>({
    key: 'value',
    descending: true,
  });
  const [needle, setNeedle] = useState('');

  const ranked = useMemo(() => rankAreas(data.areas), [data.areas]);

  const rows = useMemo(() => {
    const q = needle.trim().toLowerCase();
    const matching = q ? ranked.filter((r) => r.area_name.toLowerCase().includes(q)) : ranked;
    // "Too few" values sort with no-data rows: they are not ranked.
    const valueOf = (r: (typeof ranked)[number]) =>
      sort.key === 'change' ? (r.compare?.relative ?? null) : r.tooFew ? null : r.value;
    const sorted = [...matching].sort((a, b) => {
      if (sort.key === 'area') return a.area_name.localeCompare(b.area_name);
      const va = valueOf(a);
      const vb = valueOf(b);
      if (va === null) return 1;
      if (vb === null) return -1;
      return va - vb;
    });
    if (sort.descending) {
      // Keep no-data rows last in both directions.
      const present = sorted.filter((r) => sort.key === 'area' || valueOf(r) !== null).reverse();
      const missing = sort.key === 'area' ? [] : sorted.filter((r) => valueOf(r) === null);
      return [...present, ...missing];
    }
    return sorted;
  }, [ranked, sort, needle]);

  const header = (key: SortKey, label: string) => {
    const active = sort.key === key;
    return (
      <th
        scope="col"
        className={key === 'area' ? undefined : 'num'}
        aria-sort={active ? (sort.descending ? 'descending' : 'ascending') : 'none'}
      >
        <button
          type="button"
          className="sort-button"
          onClick={() => setSort({ key, descending: active ? !sort.descending : key !== 'area' })}
        >
          {label}
          <span aria-hidden="true" className="sort-mark">
            {active ? (sort.descending ? ' ▼' : ' ▲') : ' ↕'}
          </span>
        </button>
      </th>
    );
  };

  const tooFew = ranked.filter((r) => r.tooFew).length;
  const compare = data.compare;
  return (
    <>
      {data.areas.length > 12 ? (
        <div className="data-table-tools">
          <label htmlFor="area-filter" className="visually-hidden">
            {t('find')}
          </label>
          <input
            id="area-filter"
            type="search"
            placeholder={t('findPlaceholder', { level: levelLabel.toLowerCase() })}
            value={needle}
            onChange={(event) => setNeedle(event.target.value)}
          />
          <span className="muted small" aria-live="polite">
            {t('shown', { shown: rows.length, total: data.areas.length })}
          </span>
        </div>
      ) : null}
      <div className="table-scroll area-scroll" id="area-table" tabIndex={-1}>
        <table className="table area-table" data-testid="area-table">
          <caption>
            {t('caption', {
              measure: words.metricLabel(data.metric, data.kind, data.duplicates?.mode),
              level: levelLabel.toLowerCase(),
              count: data.areas.length,
            })}
            {tooFew ? ` ${t('captionTooFew', { count: tooFew, noun: nounOf(data.kind) })}` : ''}
            {compare
              ? ` ${t('captionCompare', {
                  label: words.compareLabel(compare.compare, compare.months),
                  from: compare.from,
                  to: compare.to,
                  count: compare.tooFew,
                  noun: nounOf(data.kind),
                })}`
              : ''}
          </caption>
          <thead>
            <tr>
              {header('area', levelLabel)}
              {header(
                'value',
                compare
                  ? t('thisPeriod')
                  : words.metricLabel(data.metric, data.kind, data.duplicates?.mode),
              )}
              {compare ? (
                <>
                  <th scope="col" className="num">
                    {t('baseline')}
                  </th>
                  <th scope="col" className="num">
                    {t('change')}
                  </th>
                  {header('change', t('changePct'))}
                </>
              ) : null}
              <th scope="col" className="num">
                {t('rank')}
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.area_key} aria-selected={row.area_key === selectedKey}>
                <th scope="row">
                  <button
                    type="button"
                    className="row-button"
                    aria-pressed={row.area_key === selectedKey}
                    data-area-key={row.area_key}
                    onClick={() => onSelect(row.area_key)}
                  >
                    {row.area_name}
                    {row.hotspot ? <span className="hotspot-tag"> {t('hotspot')}</span> : null}
                  </button>
                </th>
                <td className="num" data-testid="cell-value" data-value={row.value ?? ''}>
                  {row.tooFew ? null : format.value(row.value, data.metric)}
                  {data.metric !== 'count' && row.count !== null ? (
                    <span className="muted small"> (n = {format.count(row.count)})</span>
                  ) : null}
                  {row.tooFew ? (
                    <span className="too-few-tag" data-testid="too-few">
                      {words.tooFew()}
                    </span>
                  ) : null}
                </td>
                {compare ? (
                  <>
                    <td
                      className="num"
                      data-testid="cell-baseline"
                      data-value={row.compare?.baseline ?? ''}
                    >
                      {format.value(row.compare?.baseline, data.metric)}
                    </td>
                    <td
                      className="num"
                      data-testid="cell-difference"
                      data-value={row.compare?.difference ?? ''}
                    >
                      {formatDifference(row.compare?.difference ?? null, data.metric, format)}
                    </td>
                    <td
                      className="num"
                      data-testid="cell-relative"
                      data-value={row.compare?.relative ?? ''}
                    >
                      {row.compare?.tooFew ? (
                        <span className="too-few-tag">{words.tooFew()}</span>
                      ) : (
                        formatRelative(row.compare?.relative ?? null, locale)
                      )}
                    </td>
                  </>
                ) : null}
                <td className="num">{row.rank ?? '–'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
