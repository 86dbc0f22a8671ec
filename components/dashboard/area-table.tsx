'use client';

import { useMemo, useState } from 'react';
import type { ChoroplethResponse } from '@/lib/api/types';
import { formatCount, formatValue, metricLabel } from '@/components/map/format';

type SortKey = 'area' | 'value';

export interface AreaTableProps {
  data: ChoroplethResponse;
  levelLabel: string;
  selectedKey: string | undefined;
  onSelect: (areaKey: string) => void;
}

/** The map as a table, for keyboard and screen-reader users: every row selects its area. */
export function AreaTable({ data, levelLabel, selectedKey, onSelect }: AreaTableProps) {
  const [sort, setSort] = useState<{ key: SortKey; descending: boolean }>({
    key: 'value',
    descending: true,
  });

  const ranked = useMemo(() => {
    const byValue = [...data.areas]
      .filter((a) => a.value !== null)
      .sort((a, b) => b.value! - a.value!);
    const ranks = new Map<string, number>();
    byValue.forEach((area, i) => {
      const previous = byValue[i - 1];
      ranks.set(
        area.area_key,
        previous && previous.value === area.value ? ranks.get(previous.area_key)! : i + 1,
      );
    });
    return data.areas.map((area) => ({ ...area, rank: ranks.get(area.area_key) ?? null }));
  }, [data.areas]);

  const rows = useMemo(() => {
    const sorted = [...ranked].sort((a, b) => {
      if (sort.key === 'area') return a.area_name.localeCompare(b.area_name);
      if (a.value === null) return 1;
      if (b.value === null) return -1;
      return a.value - b.value;
    });
    if (sort.descending) {
      // Keep no-data rows last in both directions.
      const present = sorted.filter((r) => sort.key === 'area' || r.value !== null).reverse();
      const missing = sort.key === 'area' ? [] : sorted.filter((r) => r.value === null);
      return [...present, ...missing];
    }
    return sorted;
  }, [ranked, sort]);

  const header = (key: SortKey, label: string) => {
    const active = sort.key === key;
    return (
      <th scope="col" aria-sort={active ? (sort.descending ? 'descending' : 'ascending') : 'none'}>
        <button
          type="button"
          className="sort-button"
          onClick={() => setSort({ key, descending: active ? !sort.descending : key === 'value' })}
        >
          {label}
          <span aria-hidden="true">{active ? (sort.descending ? ' ▼' : ' ▲') : ' ↕'}</span>
        </button>
      </th>
    );
  };

  return (
    <div className="table-scroll">
      <table className="area-table" data-testid="area-table">
        <caption>
          {metricLabel(data.metric, data.kind)} by {levelLabel.toLowerCase()} ({data.areas.length}{' '}
          areas). Select a row to open its profile.
        </caption>
        <thead>
          <tr>
            {header('area', levelLabel)}
            {header('value', metricLabel(data.metric, data.kind))}
            <th scope="col">Rank</th>
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
                  {row.hotspot ? <span className="hotspot-tag"> hotspot</span> : null}
                </button>
              </th>
              <td className="num">
                {formatValue(row.value, data.metric)}
                {data.metric !== 'count' && row.count !== null ? (
                  <span className="muted small"> (n = {formatCount(row.count)})</span>
                ) : null}
              </td>
              <td className="num">{row.rank ?? '–'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
