'use client';
/** The seasonal heatmap as a real table: rows are types, cells coloured by share of the row. */
import { maxShare, monthName, seasonSpan, SEASONS, type Season } from '@/lib/heatmap-shape';
import type { HeatmapResponse } from '@/lib/api/types';
import { DataTable, type Column } from '@/components/ui/data-table';
import { dayLabel, type ChartWords } from './use-chart-words';

function isSeason(key: string): key is Season {
  return (SEASONS as readonly string[]).includes(key);
}

/** A heatmap column's label in the page's language: a month's short name or a season's span. */
export function columnLabel(key: string, fallback: string, cw: ChartWords): string {
  const locale = cw.words.locale;
  if (isSeason(key)) {
    const { from, to } = seasonSpan(key);
    return cw.t('heatmap.seasonLabel', {
      season: key,
      from: monthName(from, locale),
      to: monthName(to, locale),
    });
  }
  const month = Number(key);
  return Number.isInteger(month) && month >= 1 && month <= 12 ? monthName(month, locale) : fallback;
}

/** A season's name in a sentence ("winter", "hiver", "invierno"). */
export function seasonName(season: string, cw: ChartWords): string {
  return isSeason(season) ? cw.t('heatmap.seasonName', { season }) : season;
}

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

export function HeatmapTable({ data, cw }: { data: HeatmapResponse; cw: ChartWords }) {
  const { t, fmt, nouns, noun } = cw;
  const max = maxShare(data.rows);
  const scope = data.meta.area ? data.meta.area.name : data.meta.cityName;
  const labels = new Map(
    data.columns.map((column) => [column.key, columnLabel(column.key, column.label, cw)]),
  );
  return (
    <div className="heatmap-scroll">
      <table className="heatmap" data-mode={data.mode}>
        <caption>
          {t('heatmap.caption', {
            count: fmt.count(data.rows.length),
            types: nouns.types,
            scope,
            from: dayLabel(data.meta.from, cw.words.locale),
            to: dayLabel(data.meta.to, cw.words.locale),
            type: nouns.type,
            many: nouns.many,
            mode: data.mode,
            others: data.otherTypes,
          })}
        </caption>
        <thead>
          <tr>
            <th scope="col">{t('table.typeHeading', { noun })}</th>
            {data.columns.map((column) => (
              <th scope="col" key={column.key}>
                {labels.get(column.key)}
              </th>
            ))}
            <th scope="col">{t('table.total')}</th>
          </tr>
        </thead>
        <tbody>
          {data.rows.map((row) => (
            <tr key={row.type}>
              <th scope="row">{row.type}</th>
              {row.cells.map((cell) => {
                const label = labels.get(cell.column) ?? cell.column;
                const style = shareColor(cell.share, max);
                const text = t('heatmap.cell', {
                  type: row.type,
                  column: label,
                  count: fmt.count(cell.count),
                  many: nouns.many,
                  share: fmt.pct(cell.share),
                  typeNoun: nouns.type,
                });
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
                    {fmt.pct(cell.share, 0)}
                  </td>
                );
              })}
              <td className="heatmap-total">{fmt.count(row.total)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function SeasonTopTable({ data, cw }: { data: HeatmapResponse; cw: ChartWords }) {
  const { t, fmt, nouns, noun } = cw;
  return (
    <div className="season-top">
      {data.topBySeason.map((season) => (
        <table key={season.season} className="season-top-table" data-season={season.season}>
          <caption>
            {t('heatmap.seasonCaption', {
              season: columnLabel(season.season, season.label, cw),
              count: fmt.count(season.total),
              many: nouns.many,
            })}
          </caption>
          <thead>
            <tr>
              <th scope="col">{t('table.rank')}</th>
              <th scope="col">{t('table.typeHeading', { noun })}</th>
              <th scope="col">{t('table.count')}</th>
              <th scope="col">{t('table.share')}</th>
            </tr>
          </thead>
          <tbody>
            {season.types.length === 0 ? (
              <tr>
                <td colSpan={4}>{t('heatmap.noneInSeason', { many: nouns.many })}</td>
              </tr>
            ) : (
              season.types.map((type) => (
                <tr key={type.type}>
                  <td>{type.rank}</td>
                  <th scope="row">{type.type}</th>
                  <td>{fmt.count(type.count)}</td>
                  <td>{fmt.pct(type.share)}</td>
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
  cw,
}: {
  data: NonNullable<HeatmapResponse['ranked']>;
  levelLabel: string;
  cw: ChartWords;
}) {
  const { t, fmt } = cw;
  if (!data.areas.length)
    return (
      <p className="chart-empty">
        {t('heatmap.rankedEmpty', { level: levelLabel.toLowerCase(), type: data.type })}
      </p>
    );
  const top = data.areas[0]?.count ?? 1;
  type Row = (typeof data.areas)[number];
  const columns: Column<Row>[] = [
    { key: 'rank', label: t('table.rank'), numeric: true, value: (r) => r.rank },
    { key: 'area', label: levelLabel, value: (r) => r.areaName, rowHeader: true },
    {
      key: 'count',
      label: t('table.count'),
      numeric: true,
      value: (r) => r.count,
      render: (r) => (
        <>
          <span className="bar" style={{ width: `${(r.count / top) * 3}rem` }} aria-hidden="true" />
          {fmt.count(r.count)}
        </>
      ),
    },
    {
      key: 'share',
      label: t('table.share'),
      numeric: true,
      value: (r) => r.share,
      render: (r) => fmt.pct(r.share),
    },
    {
      key: 'per1000',
      label: t('heatmap.per1000'),
      numeric: true,
      value: (r) => r.per1000,
      render: (r) => fmt.fixed(r.per1000, 2),
    },
  ];
  return (
    <DataTable
      rows={data.areas}
      columns={columns}
      rowKey={(r) => r.areaKey}
      initialSort={{ key: 'count', descending: true }}
      caption={t('heatmap.rankedCaption', {
        level: levelLabel,
        type: data.type,
        season: data.season ? 'one' : 'all',
        seasonName: data.season ? seasonName(data.season, cw) : '',
      })}
      testId="ranked-areas"
      className="ranked-areas"
    />
  );
}
