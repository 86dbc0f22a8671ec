'use client';
/** The selected area against the city: figures, top types, indexed monthly trend. */
import { useQuery } from '@tanstack/react-query';
import {
  CartesianGrid,
  Legend,
  Line,
  LineChart,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import type { View } from '@/lib/view';
import type { AreaProfileResponse, ProfileFigure } from '@/lib/api/types';
import {
  areaFiguresTable,
  areaTopTypesTable,
  areaTrendTable,
  buildCsv,
} from '@/components/export/tables';
import { areaProfileQuery, chartSearch } from '@/lib/api/query-options';
import type { CitySummary } from '@/lib/api/types';
import { nounsFor, type Nouns } from '@/lib/api/texts';
import { formatCount, formatDays, formatPct } from './chart-types';
import { ChartWidget, DownloadCsvButton } from './widget';
import { feedPath } from '@/lib/feed/paths';

function formatFigure(figure: ProfileFigure, value: number | null): string {
  if (figure.key === 'on_time_pct') return formatPct(value);
  if (figure.key === 'median_days' || figure.key === 'p90_days') return formatDays(value);
  if (figure.key === 'per_1000') return value === null ? '—' : value.toFixed(1);
  return formatCount(value);
}

export function AreaProfileView({ data, nouns }: { data: AreaProfileResponse; nouns: Nouns }) {
  const area = data.meta.area;
  return (
    <>
      <table className="area-figures">
        <caption>
          {area.name} against {data.meta.cityName}, {data.meta.from} to {data.meta.to}
        </caption>
        <thead>
          <tr>
            <th scope="col">Measure</th>
            <th scope="col">{area.name}</th>
            <th scope="col">{data.meta.cityName}</th>
          </tr>
        </thead>
        <tbody>
          {data.figures.map((figure) => (
            <tr key={figure.key} data-measure={figure.key}>
              <th scope="row">{figure.key === 'requests' ? nouns.Many : figure.label}</th>
              <td>{formatFigure(figure, figure.area)}</td>
              <td>{formatFigure(figure, figure.city)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="area-follow">
        <a
          href={feedPath({ city: data.meta.city, level: data.meta.level, area: area.key })}
          type="application/atom+xml"
          data-testid="follow-area"
        >
          Follow this area
        </a>{' '}
        <span className="muted">(Atom feed: a monthly entry with its figures)</span>
      </p>
      <div className="chart-subsection">
        <h4>
          Top {nouns.types} in {area.name}
        </h4>
        <DownloadCsvButton
          file={() => buildCsv(data.meta, areaTopTypesTable(data))}
          label="Download CSV (top types)"
        />
        <table className="area-top-types">
          <thead>
            <tr>
              <th scope="col">#</th>
              <th scope="col">{nouns.type === 'type' ? 'Type' : 'Offence'}</th>
              <th scope="col">Count</th>
              <th scope="col">Share here</th>
              <th scope="col">Share city-wide</th>
              {data.meta.hasResolution ? <th scope="col">Median to close</th> : null}
            </tr>
          </thead>
          <tbody>
            {data.topTypes.map((row) => (
              <tr key={row.type}>
                <td>{row.rank}</td>
                <th scope="row">{row.type}</th>
                <td>{formatCount(row.count)}</td>
                <td>{formatPct(row.share)}</td>
                <td>{formatPct(row.cityShare)}</td>
                {data.meta.hasResolution ? <td>{formatDays(row.p50Days)}</td> : null}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div className="chart-subsection">
        <h4>Monthly trend, indexed (100 = each one&apos;s average month)</h4>
        <DownloadCsvButton
          file={() => buildCsv(data.meta, areaTrendTable(data))}
          label="Download CSV (trend)"
        />
        <ResponsiveContainer width="100%" height={220}>
          <LineChart data={data.trend} margin={{ top: 8, right: 8, bottom: 0, left: 0 }}>
            <CartesianGrid strokeDasharray="3 3" vertical={false} />
            <XAxis dataKey="month" tickFormatter={(m: string) => m.slice(0, 7)} />
            <YAxis width={40} />
            <ReferenceLine y={100} stroke="#9ca3af" />
            <Tooltip />
            <Legend />
            <Line
              dataKey="areaIndex"
              name={area.name}
              stroke="#D55E00"
              dot={false}
              isAnimationActive={false}
            />
            <Line
              dataKey="cityIndex"
              name={data.meta.cityName}
              stroke="#0072B2"
              dot={false}
              isAnimationActive={false}
            />
          </LineChart>
        </ResponsiveContainer>
      </div>
    </>
  );
}

export function AreaProfileWidget({ view, city }: { view: View; city: CitySummary }) {
  const nouns = nounsFor(city.kind);
  const query = useQuery({ ...areaProfileQuery(view), enabled: view.area !== undefined });
  if (view.area === undefined) return null;
  return (
    <ChartWidget
      id="area-profile"
      title="Area profile"
      query={query}
      isEmpty={(data) => (data.figures.find((f) => f.key === 'requests')?.area ?? 0) === 0}
      empty={`No ${nouns.many} in this area for these filters.`}
      csv={(data) => buildCsv(data.meta, areaFiguresTable(data))}
      controls={
        <a
          className="chart-download"
          href={`/report?${chartSearch(view)}`}
          data-testid="print-briefing"
        >
          Print briefing
        </a>
      }
    >
      {(data) => <AreaProfileView data={data} nouns={nouns} />}
    </ChartWidget>
  );
}
