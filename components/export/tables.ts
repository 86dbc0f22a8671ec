/**
 * CSV exports of the chart responses: for each widget, the columns of exactly the rows it
 * shows, read from the same API response it draws (so a download and the JSON always agree).
 * Pure and client-safe: only types come from the server query modules.
 */
import { csvFileName, toCsv, type CsvColumn } from './csv';
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

export function heatmapTable(response: HeatmapResponse): CsvTable<HeatmapCsvRow> {
  const labels = new Map(response.columns.map((column) => [column.key, column.label]));
  return {
    widget: response.mode === 'season' ? 'heatmap-season' : 'heatmap',
    title: `Seasonal heatmap: top ${response.topN} types by ${response.mode} of year; share = count / the type's total`,
    columns: [
      { header: 'type', value: (row) => row.type },
      { header: 'category', value: (row) => row.category },
      {
        header: response.mode === 'season' ? 'season' : 'month_of_year',
        value: (row) => row.column,
      },
      { header: 'label', value: (row) => row.label },
      { header: 'count', value: (row) => row.count },
      { header: 'share_of_type', value: (row) => row.share },
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

export function seasonTopTable(response: HeatmapResponse): CsvTable<SeasonTopCsvRow> {
  return {
    widget: 'top-types-by-season',
    title: `Top ${response.topN} types per season; share = count / the season's total`,
    columns: [
      { header: 'season', value: (row) => row.season },
      { header: 'rank', value: (row) => row.rank },
      { header: 'type', value: (row) => row.type },
      { header: 'count', value: (row) => row.count },
      { header: 'share_of_season', value: (row) => row.share },
    ],
    rows: response.topBySeason.flatMap((season) =>
      season.types.map((type) => ({ season: season.season, ...type })),
    ),
  };
}

export function rankedAreasTable(
  response: HeatmapResponse,
): CsvTable<NonNullable<HeatmapResponse['ranked']>['areas'][number]> {
  return {
    widget: 'areas-for-type',
    title: `Areas with the most "${response.ranked?.type ?? ''}"${response.ranked?.season ? ` in ${response.ranked.season}` : ''}`,
    columns: [
      { header: 'rank', value: (row) => row.rank },
      { header: 'area_key', value: (row) => row.areaKey },
      { header: 'area_name', value: (row) => row.areaName },
      { header: 'count', value: (row) => row.count },
      { header: 'share_of_type', value: (row) => row.share },
      { header: 'per_1000', value: (row) => row.per1000 },
    ],
    rows: response.ranked?.areas ?? [],
  };
}

export function trendsTable(response: TrendsResponse): CsvTable<TrendsResponse['points'][number]> {
  return {
    widget: 'trends',
    title: 'Monthly volume by category',
    columns: [
      { header: 'month', value: (row) => row.month },
      { header: 'category', value: (row) => row.category },
      { header: 'count', value: (row) => row.count },
    ],
    rows: response.points,
  };
}

export function typeBreakdownTable(rows: TypeBreakdownRow[]): CsvTable<TypeBreakdownRow> {
  return {
    widget: 'breakdown-type',
    title: 'Category → type breakdown',
    columns: [
      { header: 'category', value: (row) => row.category },
      { header: 'type', value: (row) => row.type },
      { header: 'count', value: (row) => row.count },
      { header: 'share_of_category', value: (row) => row.shareOfCategory },
      { header: 'share_of_total', value: (row) => row.shareOfTotal },
    ],
    rows,
  };
}

export function channelTable(rows: ChannelRow[]): CsvTable<ChannelRow> {
  return {
    widget: 'breakdown-channel',
    title: 'Share by intake channel',
    columns: [
      { header: 'channel', value: (row) => row.channel },
      { header: 'count', value: (row) => row.count },
      { header: 'share', value: (row) => row.share },
    ],
    rows,
  };
}

export function histogramTable(bins: HistogramBin[]): CsvTable<HistogramBin> {
  return {
    widget: 'resolution-histogram',
    title: 'Distribution of time to close (closed requests with a known resolution time)',
    columns: [
      { header: 'bucket', value: (row) => row.bucket },
      { header: 'label', value: (row) => row.label },
      { header: 'from_hours', value: (row) => row.fromHours },
      { header: 'to_hours', value: (row) => row.toHours },
      { header: 'count', value: (row) => row.count },
      { header: 'share', value: (row) => row.share },
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
): CsvTable<R> {
  const columns: CsvColumn<R>[] = [
    { header: by, value: name },
    { header: 'closed', value: (row) => row.closed },
    { header: 'median_days', value: (row) => row.p50Days },
    { header: 'p90_days', value: (row) => row.p90Days },
    { header: 'average_days', value: (row) => row.avgDays },
    { header: 'max_days', value: (row) => row.maxDays },
  ];
  if (hasSla) {
    columns.push(
      { header: 'on_time_share', value: (row) => row.onTimePct },
      { header: 'on_time_denominator', value: (row) => row.slaDue },
    );
  }
  return {
    widget: `resolution-by-${by}`,
    title: `Resolution time by ${by}`,
    columns,
    rows,
  };
}

export function resolutionByTypeTable(
  rows: ResolutionTypeRow[],
  hasSla: boolean,
): CsvTable<ResolutionTypeRow> {
  return resolutionTimeTable(rows, hasSla, 'type', (row) => row.type);
}

export function resolutionByCategoryTable(
  rows: ResolutionCategoryRow[],
  hasSla: boolean,
): CsvTable<ResolutionCategoryRow> {
  return resolutionTimeTable(rows, hasSla, 'category', (row) => row.category);
}

export function areaFiguresTable(
  response: AreaProfileResponse,
): CsvTable<AreaProfileResponse['figures'][number]> {
  return {
    widget: 'area-profile',
    title: `${response.meta.area.name} against ${response.meta.cityName}`,
    columns: [
      { header: 'measure', value: (row) => row.key },
      { header: 'label', value: (row) => row.label },
      { header: 'area', value: (row) => row.area },
      { header: 'city', value: (row) => row.city },
    ],
    rows: response.figures,
  };
}

export function areaTrendTable(
  response: AreaProfileResponse,
): CsvTable<AreaProfileResponse['trend'][number]> {
  return {
    widget: 'area-trend',
    title: `${response.meta.area.name} monthly volume against ${response.meta.cityName}; index 100 = own monthly average`,
    columns: [
      { header: 'month', value: (row) => row.month },
      { header: 'area', value: (row) => row.area },
      { header: 'city', value: (row) => row.city },
      { header: 'area_index', value: (row) => row.areaIndex },
      { header: 'city_index', value: (row) => row.cityIndex },
    ],
    rows: response.trend,
  };
}

export function areaTopTypesTable(
  response: AreaProfileResponse,
): CsvTable<AreaProfileResponse['topTypes'][number]> {
  return {
    widget: 'area-top-types',
    title: `Top types in ${response.meta.area.name}`,
    columns: [
      { header: 'rank', value: (row) => row.rank },
      { header: 'type', value: (row) => row.type },
      { header: 'count', value: (row) => row.count },
      { header: 'share', value: (row) => row.share },
      { header: 'city_share', value: (row) => row.cityShare },
      ...(response.meta.hasResolution
        ? [
            {
              header: 'median_days',
              value: (row: AreaProfileResponse['topTypes'][number]) => row.p50Days,
            },
          ]
        : []),
    ],
    rows: response.topTypes,
  };
}

/** The map's own values, one row per area, in rank order (unranked areas last). */
export function choroplethTable(response: ChoroplethResponse): CsvTable<ChoroplethArea> {
  const rows = [...response.areas].sort(
    (a, b) =>
      (a.rank ?? Number.POSITIVE_INFINITY) - (b.rank ?? Number.POSITIVE_INFINITY) ||
      a.area_name.localeCompare(b.area_name),
  );
  return {
    widget: 'map',
    title: `Map values: ${response.unit}, ${response.from} to ${response.to}; rank 1 = highest; rates and medians from fewer than ${response.minSample} requests are "too few" and not ranked`,
    columns: [
      { header: 'area_key', value: (row) => row.area_key },
      { header: 'area_name', value: (row) => row.area_name },
      { header: 'value', value: (row) => row.value },
      { header: 'count', value: (row) => row.count },
      { header: 'population', value: (row) => row.population },
      { header: 'rank', value: (row) => row.rank },
      { header: 'too_few', value: (row) => row.tooFew },
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
): CsvFile {
  const table = choroplethTable(response);
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
