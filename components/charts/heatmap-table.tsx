'use client';
/** The seasonal heatmap as a real table: rows are types, cells coloured by share of the row. */
import { maxShare } from '@/lib/heatmap-shape';
import type { HeatmapResponse } from '@/lib/api/types';
import { DataTable, type Column } from '@/components/ui/data-table';
import { formatCount, formatPct } from './chart-types';
import { type Nouns } from '@/lib/api/texts';

/** WCAG relative luminance of an sRGB colour (0–255 channels). */
function luminance(r: number, g: number, b: number): number {
  const [lr, lg, lb] = [r, g, b].map((c) => {
    const v = c / 255;
    return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * lr! + 0.7152 * lg! + 0.0722 * lb!;
}

/** Black, not the body's #111827: mid-blue cells need the full range to reach 4.5:1 either way. */
const DARK_TEXT = '#000000';
const DARK_TEXT_LUMINANCE = 0;

/** White → deep blue; the text takes whichever of dark or white contrasts more with the cell. */
export function shareColor(
  share: number | null,
  max: number,
): { background: string; color: string } {
  if (share === null || max <= 0) return { background: '#f3f4f6', color: '#111827' };
  const t = Math.min(1, share / max);
  const mix = (a: number, b: number) => Math.round(a + (b - a) * t);
  const [r, g, b] = [mix(247, 8), mix(251, 48), mix(255, 107)];
  const cell = luminance(r, g, b);
  const againstWhite = 1.05 / (cell + 0.05);
  const againstDark = (cell + 0.05) / (DARK_TEXT_LUMINANCE + 0.05);
  return {
    background: `rgb(${r}, ${g}, ${b})`,
    color: againstWhite > againstDark ? '#ffffff' : DARK_TEXT,
  };
}

export function HeatmapTable({ data, nouns }: { data: HeatmapResponse; nouns: Nouns }) {
  const max = maxShare(data.rows);
  const scope = data.meta.area ? data.meta.area.name : data.meta.cityName;
  return (
    <div className="heatmap-scroll">
      <table className="heatmap" data-mode={data.mode}>
        <caption>
          Top {data.rows.length} {nouns.types} in {scope}, {data.meta.from} to {data.meta.to}: each
          cell is the share of that {nouns.type}&apos;s {nouns.many} falling in the{' '}
          {data.mode === 'season' ? 'season' : 'month'}
          {data.otherTypes > 0 ? ` (${data.otherTypes} smaller ${nouns.types} not shown)` : ''}.
        </caption>
        <thead>
          <tr>
            <th scope="col">{nouns.type === 'type' ? 'Type' : 'Offence'}</th>
            {data.columns.map((column) => (
              <th scope="col" key={column.key}>
                {column.label}
              </th>
            ))}
            <th scope="col">Total</th>
          </tr>
        </thead>
        <tbody>
          {data.rows.map((row) => (
            <tr key={row.type}>
              <th scope="row">{row.type}</th>
              {row.cells.map((cell) => {
                const label =
                  data.columns.find((column) => column.key === cell.column)?.label ?? cell.column;
                const style = shareColor(cell.share, max);
                const text = `${row.type}, ${label}: ${formatCount(cell.count)} ${nouns.many}, ${formatPct(cell.share)} of the ${nouns.type}'s total`;
                return (
                  <td
                    key={cell.column}
                    style={style}
                    title={text}
                    aria-label={text}
                    data-type={row.type}
                    data-column={cell.column}
                    data-count={cell.count}
                    data-share={cell.share ?? ''}
                  >
                    {formatPct(cell.share, 0)}
                  </td>
                );
              })}
              <td className="heatmap-total">{formatCount(row.total)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function SeasonTopTable({ data, nouns }: { data: HeatmapResponse; nouns: Nouns }) {
  return (
    <div className="season-top">
      {data.topBySeason.map((season) => (
        <table key={season.season} className="season-top-table" data-season={season.season}>
          <caption>
            {season.label}: {formatCount(season.total)} {nouns.many}
          </caption>
          <thead>
            <tr>
              <th scope="col">#</th>
              <th scope="col">{nouns.type === 'type' ? 'Type' : 'Offence'}</th>
              <th scope="col">Count</th>
              <th scope="col">Share</th>
            </tr>
          </thead>
          <tbody>
            {season.types.length === 0 ? (
              <tr>
                <td colSpan={4}>No {nouns.many} in this season.</td>
              </tr>
            ) : (
              season.types.map((type) => (
                <tr key={type.type}>
                  <td>{type.rank}</td>
                  <th scope="row">{type.type}</th>
                  <td>{formatCount(type.count)}</td>
                  <td>{formatPct(type.share)}</td>
                </tr>
              ))
            )}
          </tbody>
        </table>
      ))}
    </div>
  );
}

export function RankedAreasTable({
  data,
  levelLabel,
}: {
  data: NonNullable<HeatmapResponse['ranked']>;
  levelLabel: string;
}) {
  if (!data.areas.length)
    return (
      <p className="chart-empty">
        No {levelLabel.toLowerCase()} has any of “{data.type}”.
      </p>
    );
  const top = data.areas[0]?.count ?? 1;
  type Row = (typeof data.areas)[number];
  const columns: Column<Row>[] = [
    { key: 'rank', label: '#', numeric: true, value: (r) => r.rank },
    { key: 'area', label: levelLabel, value: (r) => r.areaName, rowHeader: true },
    {
      key: 'count',
      label: 'Count',
      numeric: true,
      value: (r) => r.count,
      render: (r) => (
        <>
          <span className="bar" style={{ width: `${(r.count / top) * 3}rem` }} aria-hidden="true" />
          {formatCount(r.count)}
        </>
      ),
    },
    {
      key: 'share',
      label: 'Share',
      numeric: true,
      value: (r) => r.share,
      render: (r) => formatPct(r.share),
    },
    {
      key: 'per1000',
      label: 'Per 1,000',
      numeric: true,
      value: (r) => r.per1000,
      render: (r) => (r.per1000 === null ? '—' : r.per1000.toFixed(2)),
    },
  ];
  return (
    <DataTable
      rows={data.areas}
      columns={columns}
      rowKey={(r) => r.areaKey}
      initialSort={{ key: 'count', descending: true }}
      caption={`${levelLabel}s with the most “${data.type}”${data.season ? ` in ${data.season}` : ''}`}
      testId="ranked-areas"
      className="ranked-areas"
    />
  );
}
