'use client';
/**
 * "Unusual this month": the top flags of GET /api/anomalies for the city and level in view, in
 * plain words. Each links to that area filtered to that type (or category), by URL parameters.
 */
import { useQuery } from '@tanstack/react-query';
import { describeAnomaly } from '@/lib/anomaly';
import type { CitySummary } from '@/lib/api/types';
import { anomaliesQuery } from '@/lib/api/query-options';
import { viewToSearch, type View } from '@/lib/view';
import type { AnomalyFlag } from '@/lib/queries/anomalies';

const CITY_LEVEL = '_city';

/** The dashboard link for one flag: that area, filtered to that type or category. */
export function flagHref(view: View, flag: AnomalyFlag, cityWide = false): string {
  const { type: _type, category: _category, area: _area, ...rest } = view;
  const area = cityWide ? undefined : flag.areaKey;
  return `/?${viewToSearch({ ...rest, area, [flag.dimension]: [flag.value] })}`;
}

/** The flags of the level in view, then the city-wide ones (level _city). */
function useFlags(view: View) {
  const level = useQuery(anomaliesQuery(view.city, view.level));
  const city = useQuery(anomaliesQuery(view.city, CITY_LEVEL));
  return { level, city };
}

export function UnusualPanel({ view, city }: { view: View; city: CitySummary }) {
  const { level, city: whole } = useFlags(view);
  const error = level.error ?? whole.error;
  const items =
    level.data && whole.data
      ? [
          ...level.data.flags.map((flag) => ({ flag, cityWide: false })),
          ...whole.data.flags.map((flag) => ({ flag, cityWide: true })),
        ]
      : null;
  const month = level.data?.month ?? whole.data?.month ?? null;
  return (
    <section className="panel unusual-panel" aria-label="Unusual this month" data-testid="unusual">
      <h2>Unusual this month{month ? ` (${month.slice(0, 7)})` : ''}</h2>
      {error ? (
        <p role="alert">{error.message}</p>
      ) : !items ? (
        <div className="skeleton" aria-busy="true" aria-label="Loading unusual requests" />
      ) : items.length === 0 ? (
        <p className="muted small" data-testid="unusual-none">
          {month
            ? `Nothing unusual in ${month.slice(0, 7)} (${(level.data?.tests ?? 0) + (whole.data?.tests ?? 0)} tests).`
            : 'Not enough history to test yet (a year of months is needed).'}
        </p>
      ) : (
        <ul className="unusual-list">
          {items.map(({ flag, cityWide }) => (
            <li key={`${cityWide}|${flag.areaKey}|${flag.dimension}|${flag.value}`}>
              <a href={flagHref(view, flag, cityWide)} data-testid="unusual-flag">
                {describeAnomaly({ ...flag, month: flag.periodStart, nouns: city.nouns })}
              </a>{' '}
              <span className="muted small">(p = {flag.pValue.toPrecision(2)})</span>
            </li>
          ))}
        </ul>
      )}
      <p className="muted small">{level.data?.test}</p>
    </section>
  );
}
