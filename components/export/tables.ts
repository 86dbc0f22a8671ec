/**
 * CSV exports of the chart responses: for each widget, the columns of exactly the rows it
 * shows, read from the same API response it draws (so a download and the JSON always agree).
 * Pure and client-safe: only types come from the server query modules.
 */
import { csvFileName, toCsv, type CsvColumn } from './csv';
import { ENGLISH_EXPORTS, type ExportsT } from './words';
import type {
  AreaProfileResponse,
  ChoroplethArea,
  ChoroplethResponse,
  CitySummary,
  ChannelRow,
  ChartMeta,
  HeatmapResponse,
  HistogramBin,
  ResolutionCategoryRow,
  ResolutionSummary,
  ResolutionTypeRow,
  TrendsResponse,
  TypeBreakdownRow,
} from '@/lib/api/types';

export interface CsvTable<T> {
  /** Widget id: the last part of the file name. */
  widget: string;
  title: string;
  columns: CsvColumn<T>[];
  rows: T[];
}

export interface CsvFile {
  fileName: string;
  text: string;
}

/** The finished file for a table drawn from a response with `meta`. */
export function buildCsv<T>(
  meta: ChartMeta,
  table: CsvTable<T>,
  extra: Record<string, string> = {},
  t: ExportsT = ENGLISH_EXPORTS,
): CsvFile {
  const filters: Record<string, string | undefined> = {
    from: meta.from,
    to: meta.to,
    area: meta.area ? `${meta.area.name} (${meta.area.key})` : undefined,
    ...meta.filters,
    ...extra,
  };
  const text = toCsv(
    {
      cityName: meta.cityName,
      cityId: meta.city,
      level: `${meta.levelLabel} (${meta.level})`,
      filters,
      generatedAt: meta.generatedAt,
      source: meta.attribution,
      title: table.title,
    },
    table.columns,
    table.rows,
    t,
  );
  const fileName = csvFileName({
    city: meta.city,
    level: meta.level,
    metric: meta.metric,
    from: meta.from,
    to: meta.to,
    widget: table.widget,
    extra: {
      area: meta.area?.key,
      type: meta.filters.type,
      category: meta.filters.category,
      channel: meta.filters.channel,
      division: meta.filters.division,
      status: meta.filters.status,
      ...extra,
    },
  });
  return { fileName, text };
}

export interface HeatmapCsvRow {
  type: string;
  category: string;
  column: string;
  label: string;
  count: number;
  share: number | null;
}

export function heatmapTable(
  response: HeatmapResponse,
  t: ExportsT = ENGLISH_EXPORTS,
): CsvTable<HeatmapCsvRow> {
  const labels = new Map(response.columns.map((column) => [column.key, column.label]));
  return {
    widget: response.mode === 'season' ? 'heatmap-season' : 'heatmap',
    title: t('title.heatmap', { topN: response.topN, mode: response.mode }),
    columns: [
      { header: t('column.type'), value: (row) => row.type },
      { header: t('column.category'), value: (row) => row.category },
      {
        header: t(response.mode === 'season' ? 'column.season' : 'column.month_of_year'),
        value: (row) => row.column,
      },
      { header: t('column.label'), value: (row) => row.label },
      { header: t('column.count'), value: (row) => row.count },
      { header: t('column.share_of_type'), value: (row) => row.share },
    ],
    rows: response.rows.flatMap((row) =>
      row.cells.map((cell) => ({
        type: row.type,
        category: row.category,
        column: cell.column,
        label: labels.get(cell.column) ?? cell.column,
        count: cell.count,
        share: cell.share,
      })),
    ),
  };
}

export interface SeasonTopCsvRow {
  season: string;
  rank: number;
  type: string;
  count: number;
  share: number | null;
}

export function seasonTopTable(
  response: HeatmapResponse,
  t: ExportsT = ENGLISH_EXPORTS,
): CsvTable<SeasonTopCsvRow> {
  return {
    widget: 'top-types-by-season',
    title: t('title.seasonTop', { topN: response.topN }),
    columns: [
      { header: t('column.season'), value: (row) => row.season },
      { header: t('column.rank'), value: (row) => row.rank },
      { header: t('column.type'), value: (row) => row.type },
      { header: t('column.count'), value: (row) => row.count },
      { header: t('column.share_of_season'), value: (row) => row.share },
    ],
    rows: response.topBySeason.flatMap((season) =>
      season.types.map((type) => ({ season: season.season, ...type })),
    ),
  };
}

export function rankedAreasTable(
  response: HeatmapResponse,
  t: ExportsT = ENGLISH_EXPORTS,
): CsvTable<NonNullable<HeatmapResponse['ranked']>['areas'][number]> {
  return {
    widget: 'areas-for-type',
    title: t('title.rankedAreas', {
      type: response.ranked?.type ?? '',
      season: response.ranked?.season ?? 'all',
    }),
    columns: [
      { header: t('column.rank'), value: (row) => row.rank },
      { header: t('column.area_key'), value: (row) => row.areaKey },
      { header: t('column.area_name'), value: (row) => row.areaName },
      { header: t('column.count'), value: (row) => row.count },
      { header: t('column.share_of_type'), value: (row) => row.share },
      { header: t('column.per_1000'), value: (row) => row.per1000 },
    ],
    rows: response.ranked?.areas ?? [],
  };
}

export function trendsTable(
  response: TrendsResponse,
  t: ExportsT = ENGLISH_EXPORTS,
): CsvTable<TrendsResponse['points'][number]> {
  return {
    widget: 'trends',
    title: t('title.trends'),
    columns: [
      { header: t('column.month'), value: (row) => row.month },
      { header: t('column.category'), value: (row) => row.category },
      { header: t('column.count'), value: (row) => row.count },
    ],
    rows: response.points,
  };
}

export function typeBreakdownTable(
  rows: TypeBreakdownRow[],
  t: ExportsT = ENGLISH_EXPORTS,
): CsvTable<TypeBreakdownRow> {
  return {
    widget: 'breakdown-type',
    title: t('title.typeBreakdown'),
    columns: [
      { header: t('column.category'), value: (row) => row.category },
      { header: t('column.type'), value: (row) => row.type },
      { header: t('column.count'), value: (row) => row.count },
      { header: t('column.share_of_category'), value: (row) => row.shareOfCategory },
      { header: t('column.share_of_total'), value: (row) => row.shareOfTotal },
    ],
    rows,
  };
}

export function channelTable(
  rows: ChannelRow[],
  t: ExportsT = ENGLISH_EXPORTS,
): CsvTable<ChannelRow> {
  return {
    widget: 'breakdown-channel',
    title: t('title.channels'),
    columns: [
      { header: t('column.channel'), value: (row) => row.channel },
      { header: t('column.count'), value: (row) => row.count },
      { header: t('column.share'), value: (row) => row.share },
    ],
    rows,
  };
}

export function histogramTable(
  bins: HistogramBin[],
  t: ExportsT = ENGLISH_EXPORTS,
): CsvTable<HistogramBin> {
  return {
    widget: 'resolution-histogram',
    title: t('title.histogram'),
    columns: [
      { header: t('column.bucket'), value: (row) => row.bucket },
      { header: t('column.label'), value: (row) => row.label },
      { header: t('column.from_hours'), value: (row) => row.fromHours },
      { header: t('column.to_hours'), value: (row) => row.toHours },
      { header: t('column.count'), value: (row) => row.count },
      { header: t('column.share'), value: (row) => row.share },
    ],
    rows: bins,
  };
}

/** Days to close per type or per category: one set of columns, the first names the row. */
function resolutionTimeTable<R extends ResolutionSummary>(
  rows: R[],
  hasSla: boolean,
  by: 'type' | 'category',
  name: (row: R) => string,
  t: ExportsT,
): CsvTable<R> {
  const columns: CsvColumn<R>[] = [
    { header: t(by === 'category' ? 'column.category' : 'column.type'), value: name },
    { header: t('column.closed'), value: (row) => row.closed },
    { header: t('column.median_days'), value: (row) => row.p50Days },
    { header: t('column.p90_days'), value: (row) => row.p90Days },
    { header: t('column.average_days'), value: (row) => row.avgDays },
    { header: t('column.max_days'), value: (row) => row.maxDays },
  ];
  if (hasSla) {
    columns.push(
      { header: t('column.on_time_share'), value: (row) => row.onTimePct },
      { header: t('column.on_time_denominator'), value: (row) => row.slaDue },
    );
  }
  return {
    widget: `resolution-by-${by}`,
    title: t('title.resolution', { by }),
    columns,
    rows,
  };
}

export function resolutionByTypeTable(
  rows: ResolutionTypeRow[],
  hasSla: boolean,
  t: ExportsT = ENGLISH_EXPORTS,
): CsvTable<ResolutionTypeRow> {
  return resolutionTimeTable(rows, hasSla, 'type', (row) => row.type, t);
}

export function resolutionByCategoryTable(
  rows: ResolutionCategoryRow[],
  hasSla: boolean,
  t: ExportsT = ENGLISH_EXPORTS,
): CsvTable<ResolutionCategoryRow> {
  return resolutionTimeTable(rows, hasSla, 'category', (row) => row.category, t);
}

export function areaFiguresTable(
  response: AreaProfileResponse,
  t: ExportsT = ENGLISH_EXPORTS,
): CsvTable<AreaProfileResponse['figures'][number]> {
  return {
    widget: 'area-profile',
    title: t('title.areaFigures', { area: response.meta.area.name, city: response.meta.cityName }),
    columns: [
      { header: t('column.measure'), value: (row) => row.key },
      { header: t('column.label'), value: (row) => row.label },
      { header: t('column.area'), value: (row) => row.area },
      { header: t('column.city'), value: (row) => row.city },
    ],
    rows: response.figures,
  };
}

export function areaTrendTable(
  response: AreaProfileResponse,
  t: ExportsT = ENGLISH_EXPORTS,
): CsvTable<AreaProfileResponse['trend'][number]> {
  return {
    widget: 'area-trend',
    title: t('title.areaTrend', { area: response.meta.area.name, city: response.meta.cityName }),
    columns: [
      { header: t('column.month'), value: (row) => row.month },
      { header: t('column.area'), value: (row) => row.area },
      { header: t('column.city'), value: (row) => row.city },
      { header: t('column.area_index'), value: (row) => row.areaIndex },
      { header: t('column.city_index'), value: (row) => row.cityIndex },
    ],
    rows: response.trend,
  };
}

export function areaTopTypesTable(
  response: AreaProfileResponse,
  t: ExportsT = ENGLISH_EXPORTS,
): CsvTable<AreaProfileResponse['topTypes'][number]> {
  return {
    widget: 'area-top-types',
    title: t('title.areaTopTypes', { area: response.meta.area.name }),
    columns: [
      { header: t('column.rank'), value: (row) => row.rank },
      { header: t('column.type'), value: (row) => row.type },
      { header: t('column.count'), value: (row) => row.count },
      { header: t('column.share'), value: (row) => row.share },
      { header: t('column.city_share'), value: (row) => row.cityShare },
      ...(response.meta.hasResolution
        ? [
            {
              header: t('column.median_days'),
              value: (row: AreaProfileResponse['topTypes'][number]) => row.p50Days,
            },
          ]
        : []),
    ],
    rows: response.topTypes,
  };
}

/** The map's own values, one row per area, in rank order (unranked areas last). */
export function choroplethTable(
  response: ChoroplethResponse,
  t: ExportsT = ENGLISH_EXPORTS,
): CsvTable<ChoroplethArea> {
  const rows = [...response.areas].sort(
    (a, b) =>
      (a.rank ?? Number.POSITIVE_INFINITY) - (b.rank ?? Number.POSITIVE_INFINITY) ||
      a.area_name.localeCompare(b.area_name),
  );
  return {
    widget: 'map',
    title: t('title.map', {
      unit: response.unit,
      from: response.from,
      to: response.to,
      min: response.minSample,
    }),
    columns: [
      { header: t('column.area_key'), value: (row) => row.area_key },
      { header: t('column.area_name'), value: (row) => row.area_name },
      { header: t('column.value'), value: (row) => row.value },
      { header: t('column.count'), value: (row) => row.count },
      { header: t('column.population'), value: (row) => row.population },
      { header: t('column.rank'), value: (row) => row.rank },
      { header: t('column.too_few'), value: (row) => row.tooFew },
    ],
    rows,
  };
}

/** The finished map CSV for a choropleth answer (what the map draws, nothing else). */
export function choroplethCsv(
  response: ChoroplethResponse,
  city: CitySummary,
  filters: Record<string, string | undefined>,
  generatedAt: string = new Date().toISOString(),
  t: ExportsT = ENGLISH_EXPORTS,
): CsvFile {
  const table = choroplethTable(response, t);
  const level = city.levels.find((l) => l.id === response.level);
  const text = toCsv(
    {
      cityName: city.name,
      cityId: city.id,
      level: `${level?.label ?? response.level} (${response.level})`,
      filters: { from: response.from, to: response.to, metric: response.metric, ...filters },
      generatedAt,
      source: city.attribution,
      title: table.title,
    },
    table.columns,
    table.rows,
    t,
  );
  const fileName = csvFileName({
    city: city.id,
    level: response.level,
    metric: response.metric,
    from: response.from,
    to: response.to,
    widget: table.widget,
    extra: filters,
  });
  return { fileName, text };
}
