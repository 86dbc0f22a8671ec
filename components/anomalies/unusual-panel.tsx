'use client';
/**
 * "Unusual this month": the top flags of GET /api/anomalies for the city and level in view, in
 * plain words. Each links to that area filtered to that type (or category), by URL parameters.
 */
import { queryOptions, useQuery } from '@tanstack/react-query';
import { describeAnomaly } from '@/lib/anomaly';
import type { CitySummary } from '@/lib/api/types';
import { fetchJson } from '@/lib/api/query-options';
import { viewToSearch, type View } from '@/lib/filters';
import type { AnomaliesResponse, AnomalyFlag } from '@/lib/queries/anomalies';

export const anomaliesQuery = (city: string, level: string) =>
  queryOptions({
    queryKey: ['anomalies', city, level],
    queryFn: ({ signal }) =>
      fetchJson<AnomaliesResponse>(
        `/api/anomalies?${new URLSearchParams({ city, level, limit: '5' }).toString()}`,
        signal,
      ),
    staleTime: 5 * 60_000,
  });

/** The dashboard link for one flag: that area, filtered to that type or category. */
export function flagHref(view: View, flag: AnomalyFlag): string {
  const { type: _type, category: _category, from: _from, to: _to, ...rest } = view;
  return `/?${viewToSearch({ ...rest, area: flag.areaKey, [flag.dimension]: [flag.value] })}`;
}

export function UnusualPanel({ view, city }: { view: View; city: CitySummary }) {
  const { data, isError, error } = useQuery(anomaliesQuery(view.city, view.level));
  return (
    <section className="panel unusual-panel" aria-label="Unusual this month" data-testid="unusual">
      <h2>Unusual this month</h2>
      {isError ? (
        <p role="alert">{error.message}</p>
      ) : !data ? (
        <div className="skeleton" aria-busy="true" aria-label="Loading unusual requests" />
      ) : data.flags.length === 0 ? (
        <p className="muted small" data-testid="unusual-none">
          {data.month
            ? `Nothing unusual in ${data.month.slice(0, 7)} (${data.tests} tests).`
            : 'Not enough history to test yet (a year of months is needed).'}
        </p>
      ) : (
        <ul className="unusual-list">
          {data.flags.map((flag) => (
            <li key={`${flag.areaKey}|${flag.dimension}|${flag.value}`}>
              <a href={flagHref(view, flag)} data-testid="unusual-flag">
                {describeAnomaly({ ...flag, month: data.month!, nouns: city.nouns })}
              </a>{' '}
              <span className="muted small">(p = {flag.pValue.toPrecision(2)})</span>
            </li>
          ))}
        </ul>
      )}
      <p className="muted small">{data?.test}</p>
    </section>
  );
}
