/**
 * The printable area briefing: headline figures against the city and the previous period, the
 * area's map among its neighbours, top types and their change, unusual types, time to close and
 * on-time share, freshness and attribution. A server component; print CSS in report.css.
 */
import Link from 'next/link';
import type { ProfileFigure } from '@/lib/api/types';
import type { ReportData } from '@/lib/queries/report';
import { NO_CLOSING_DATES, NO_SLA_TEXT, ON_TIME_DEFINITION, nounsFor } from '@/lib/api/texts';
import { formatCount, formatDays, formatPct } from '@/components/charts/chart-types';
import { FreshnessLine } from '@/components/status/freshness-line';
import { ANOMALY_MIN_EXPECTED } from '@/lib/anomaly';
import { AreaMap } from './area-map';
import { PrintButton } from './print-button';
import './report.css';

const HEADLINE_KEYS: ProfileFigure['key'][] = ['requests', 'per_1000', 'still_open'];
const SPEED_KEYS: ProfileFigure['key'][] = ['median_days', 'p90_days', 'on_time_pct'];

function formatFigure(key: ProfileFigure['key'], value: number | null): string {
  if (key === 'on_time_pct') return formatPct(value);
  if (key === 'median_days' || key === 'p90_days') return formatDays(value);
  if (key === 'per_1000') return value === null ? '—' : value.toFixed(1);
  return formatCount(value);
}

/** Change against the previous period: percentage points for a share, else relative. */
export function changeText(key: ProfileFigure['key'], now: number | null, then: number | null) {
  if (now === null || then === null) return '—';
  if (key === 'on_time_pct') {
    const points = (now - then) * 100;
    return `${points >= 0 ? '+' : '−'}${Math.abs(points).toFixed(1)} pts`;
  }
  if (then === 0) return now === 0 ? '0%' : 'new';
  const pct = ((now - then) / then) * 100;
  return `${pct >= 0 ? '+' : '−'}${Math.abs(pct).toFixed(1)}%`;
}

function relative(change: number | null): string {
  if (change === null) return '—';
  const pct = change * 100;
  return `${pct >= 0 ? '+' : '−'}${Math.abs(pct).toFixed(1)}%`;
}

function FigureTable({
  data,
  keys,
  caption,
  testId,
}: {
  data: ReportData;
  keys: ProfileFigure['key'][];
  caption: string;
  testId: string;
}) {
  const figures = data.profile.figures.filter((f) => keys.includes(f.key));
  const before = new Map(data.previous.profile.figures.map((f) => [f.key, f.area]));
  return (
    <table className="report-table" data-testid={testId}>
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">Measure</th>
          <th scope="col">This area</th>
          <th scope="col">City</th>
          <th scope="col">Area, previous period</th>
          <th scope="col">Change</th>
        </tr>
      </thead>
      <tbody>
        {figures.map((figure) => {
          const then = before.get(figure.key) ?? null;
          return (
            <tr key={figure.key} data-figure={figure.key}>
              <th scope="row">{figure.label}</th>
              <td data-cell="area" data-value={figure.area ?? ''}>
                {formatFigure(figure.key, figure.area)}
              </td>
              <td data-cell="city" data-value={figure.city ?? ''}>
                {formatFigure(figure.key, figure.city)}
              </td>
              <td data-cell="previous" data-value={then ?? ''}>
                {formatFigure(figure.key, then)}
              </td>
              <td data-cell="change">{changeText(figure.key, figure.area, then)}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

export function ReportView({ data, href }: { data: ReportData; href: string }) {
  const { meta } = data.profile;
  const nouns = nounsFor(meta.kind);
  const filters = Object.entries(meta.filters);
  const requests = data.profile.figures.find((f) => f.key === 'requests');
  return (
    <main className="report" data-testid="report" data-city={meta.city} data-area={meta.area.key}>
      <div className="report-actions no-print">
        <Link href={href}>Back to the dashboard</Link>
        <PrintButton />
      </div>
      <header className="report-header">
        <p className="report-kicker">Atlas 311 · Area briefing</p>
        <h1>
          {meta.area.name}{' '}
          <span className="report-where">
            {meta.levelLabel}, {meta.cityName}
          </span>
        </h1>
        <p className="report-range" data-testid="report-range">
          {nouns.Many} opened {meta.from} to {meta.to} ({meta.months} months), against the{' '}
          {meta.months} months before ({data.previous.from} to {data.previous.to})
          {filters.length
            ? `; filters: ${filters.map(([key, value]) => `${key} ${value}`).join(', ')}`
            : ''}
          .
        </p>
      </header>

      <section className="report-top">
        <AreaMap
          boundary={data.boundary}
          areaKey={meta.area.key}
          areaName={meta.area.name}
          levelLabel={meta.levelLabel}
        />
        <div className="report-headline">
          <p className="report-lead" data-testid="report-lead">
            {formatCount(requests?.area ?? 0)} {nouns.many} in {meta.area.name},{' '}
            {formatPct(requests?.area && requests.city ? requests.area / requests.city : null)} of
            the city&apos;s {formatCount(requests?.city ?? 0)}.
          </p>
          <FigureTable
            data={data}
            keys={HEADLINE_KEYS}
            caption="Headline figures"
            testId="report-headline"
          />
        </div>
      </section>

      <section className="report-section">
        <h2>Top {nouns.types} and their change</h2>
        {data.types.length === 0 ? (
          <p>No {nouns.many} in this area for these filters.</p>
        ) : (
          <div className="report-scroll">
            <table className="report-table" data-testid="report-types">
              <thead>
                <tr>
                  <th scope="col">#</th>
                  <th scope="col">{nouns.type === 'type' ? 'Type' : 'Offence'}</th>
                  <th scope="col">Count</th>
                  <th scope="col">Share of area</th>
                  <th scope="col">Share of city</th>
                  <th scope="col">Previous period</th>
                  <th scope="col">Change</th>
                </tr>
              </thead>
              <tbody>
                {data.types.map((row) => (
                  <tr key={row.type} data-type={row.type}>
                    <td>{row.rank}</td>
                    <th scope="row">{row.type}</th>
                    <td data-cell="count" data-value={row.count}>
                      {formatCount(row.count)}
                    </td>
                    <td>{formatPct(row.share)}</td>
                    <td>{formatPct(row.cityShare)}</td>
                    <td data-cell="previous" data-value={row.previous}>
                      {formatCount(row.previous)}
                    </td>
                    <td>{row.previous > 0 ? relative(row.change) : 'new'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <div className="report-columns">
        <section className="report-section" data-testid="report-unusual">
          <h2>Unusual {data.unusual.month ? `in ${data.unusual.month.slice(0, 7)}` : ''}</h2>
          {data.unusual.month === null ? (
            <p>
              Nothing at this level could be tested: a test needs a year of history and at least{' '}
              {ANOMALY_MIN_EXPECTED} expected {nouns.many} in an area.
            </p>
          ) : data.unusual.flags.length === 0 ? (
            <p>No {nouns.type} or category was unusually high here in the last complete month.</p>
          ) : (
            <ul className="report-flags">
              {data.unusual.flags.map((flag) => (
                <li key={`${flag.dimension}-${flag.value}`} data-flag={flag.value}>
                  <strong>{flag.value}</strong> ({flag.dimension}): {formatCount(flag.observed)}{' '}
                  against {flag.expected.toFixed(1)} expected, {flag.ratio.toFixed(1)}×
                </li>
              ))}
            </ul>
          )}
          <p className="report-small">{data.unusual.test}</p>
        </section>

        <section className="report-section" data-testid="report-speed">
          <h2>Time to close and on time</h2>
          {meta.hasResolution ? (
            <FigureTable
              data={data}
              keys={SPEED_KEYS}
              caption="Closed in the range"
              testId="report-speed-table"
            />
          ) : (
            <p>{NO_CLOSING_DATES}</p>
          )}
          {meta.hasResolution && !meta.hasSla ? (
            <p className="report-small">{NO_SLA_TEXT}</p>
          ) : null}
          {meta.hasSla ? <p className="report-small">On time: {ON_TIME_DEFINITION}</p> : null}
        </section>
      </div>

      <footer className="report-footer">
        <FreshnessLine city={meta.city} />
        <p className="report-small" data-testid="report-attribution">
          {meta.attribution}
        </p>
        <p className="report-small">
          Generated {meta.generatedAt.slice(0, 16).replace('T', ' ')} UTC by Atlas 311 from the
          published warehouse.
        </p>
      </footer>
    </main>
  );
}
