'use client';
/**
 * "Data to <date>, updated <date>" for one city, and a visible banner when it is stale
 * (lib/freshness.ts decides). Shown on the dashboard and on every embed.
 */
import { useQuery } from '@tanstack/react-query';
import { statusQuery } from '@/lib/api/query-options';
import type { CityStatus } from '@/lib/status';
import './status.css';

/** The line's words, pure so a test can read them without a browser. */
export function freshnessWords(status: CityStatus): string {
  if (!status.loaded) return 'No data published for this city yet.';
  const dataTo = status.dataTo?.slice(0, 10) ?? 'unknown';
  const updated = status.lastSuccess?.finished.slice(0, 10) ?? 'unknown';
  return status.freshness.mode === 'sample'
    ? `Data to ${dataTo}, updated ${updated} (bundled sample).`
    : `Data to ${dataTo}, updated ${updated}.`;
}

export function FreshnessLine({ city }: { city: string }) {
  const { data } = useQuery(statusQuery(city));
  const status = data?.cities.find((c) => c.city === city);
  if (!status) return null;
  return (
    <div className="freshness" data-testid="freshness">
      <p className="muted small" data-testid="freshness-line">
        {freshnessWords(status)} <a href="/status">Status</a>
      </p>
      {status.stale ? (
        <p className="stale-banner" role="alert" data-testid="stale-banner">
          {status.freshness.message}
        </p>
      ) : status.freshness.zeroRowWarning ? (
        <p className="stale-warning small" data-testid="zero-row-warning">
          {status.freshness.message}
        </p>
      ) : null}
    </div>
  );
}
