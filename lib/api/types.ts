/**
 * Response shapes of the app's JSON routes, shared by route handlers, query functions, query
 * options and components. Types only: safe to import anywhere.
 */
import type { Classification, Comparison, Metric } from '@/lib/view/schema';
import type { HeatmapMode, Season } from '@/lib/heatmap-shape';

export interface LevelSummary {
  id: string;
  label: string;
  /** Areas the boundary file is expected to hold. */
  areas: number;
  hasPopulation: boolean;
  /** Simplified boundaries for the browser: properties area_key, area_name. */
  boundaryUrl: string;
}

export interface CitySummary {
  id: string;
  name: string;
  kind: '311' | 'crime';
  /** The words this city's records are counted in, from its config. */
  nouns: { one: string; many: string; type: string; types: string };
  timezone: string;
  levels: LevelSummary[];
  /** Metrics this city's data supports (per_1000 also needs a level with population). */
  metrics: Metric[];
  hasResolution: boolean;
  hasSla: boolean;
  /** False where the city's data has no intake channel column: channel answers say so. */
  hasChannel: boolean;
  /** False while the pipeline has not loaded this city: dates are then null. */
  loaded: boolean;
  freshness: string | null;
  firstMonth: string | null;
  lastMonth: string | null;
  /** The latest opening date in the data (YYYY-MM-DD). */
  lastOpened: string | null;
  /** The last month whose data runs to its last day: where the default range ends. */
  lastCompleteMonth: string | null;
  rowsLoaded: number | null;
  attribution: string;
  view: { longitude: number; latitude: number; zoom: number };
  bbox: [number, number, number, number];
}

export interface CitiesResponse {
  cities: CitySummary[];
}

export interface ChoroplethArea {
  area_key: string;
  area_name: string;
  /** The metric's value; null where it has no answer (no population, nothing closed, too few…). */
  value: number | null;
  /** Requests the value is computed from (opened; closed for resolution; due for on-time). */
  count: number;
  population: number | null;
  /** A rate or median resting on fewer than `minSample` requests: value null, not ranked. */
  tooFew: boolean;
  /** 1 = highest value; null when the area has no value or too few requests. */
  rank: number | null;
  /** on_time_pct only: the portal's own flag-based share (on time ÷ closed with a verdict). */
  portalOnTimePct?: number | null;
  hotspot?: boolean;
  /** With `compare=`: the area's value in the baseline period and the change. */
  compare?: CompareArea;
  /** Types or categories flagged "unusual this month" here (mart_anomaly), for the view's filters. */
  unusual?: string[];
}

/** One area's value in the baseline period and its change (lib/compare.ts). */
export interface CompareArea {
  /** The metric's value in the baseline period; null where it has no answer. */
  baseline: number | null;
  /** Requests the baseline value is computed from. */
  baselineCount: number;
  /** value − baseline; null when either is missing. */
  difference: number | null;
  /** (value − baseline) ÷ baseline × 100; null when too few, or the baseline is 0 or missing. */
  relative: number | null;
  /** Fewer than `minSample` requests in either period: hatched, no relative change. */
  tooFew: boolean;
}

/** The baseline period of a compared view and the figures that sum its areas. */
export interface CompareSummary {
  compare: Comparison;
  /** "previous 12 months", "same 12 months last year": the words beside every change. */
  label: string;
  from: string;
  to: string;
  months: number;
  /** The city-wide total (located or not) of the baseline period and its change. */
  total: number;
  difference: number;
  relative: number | null;
  /** The period ends in a month the data covers only partly (fewer days than the baseline). */
  partial: boolean;
}

/** A chart route's baseline period: the summary and the chart's own figures for that period. */
export type ChartCompare<B> = CompareSummary & { baseline: B };

export interface ChoroplethCompare extends CompareSummary {
  /** Requests with no usable location in the baseline period. */
  unlocated: number;
  /** Symmetric breaks around zero for the relative change, % (lib/palette.ts symmetricBreaks). */
  breaks: number[];
  classCounts: number[];
  /** Areas with no relative change (too few, no baseline). */
  noData: number;
  tooFew: number;
  /** Class breaks shared by the period's and the baseline's values (side-by-side maps). */
  periodBreaks: number[];
}

export interface HotspotSummary {
  test: string;
  alpha: number;
  /** Areas expecting fewer requests than this are not tested. */
  minExpected: number;
  tested: number;
  found: number;
}

export interface ChoroplethResponse {
  city: string;
  /** '311' counts requests, 'crime' counts incidents: the words the UI uses. */
  kind: '311' | 'crime';
  level: string;
  metric: Metric;
  classification: Classification;
  /** The effective range: the first day of the first month to the last day of the last. */
  from: string;
  to: string;
  unit: string;
  /** One sentence defining the metric (on-time: closed on time ÷ (closed + open and overdue)). */
  definition: string;
  /** Rates and medians resting on fewer requests than this are "too few". */
  minSample: number;
  areas: ChoroplethArea[];
  /** Requests matching the filters with no usable location (city total − sum over areas). */
  unlocated: number;
  /** Requests matching the filters city-wide, located or not. */
  total: number;
  breaks: number[];
  classCounts: number[];
  noData: number;
  /** Areas whose value rests on too few requests (counted in noData as well). */
  tooFew: number;
  hotspots: HotspotSummary | null;
  /** on_time_pct only: city-wide shares by both definitions. */
  onTime: {
    pct: number | null;
    portalPct: number | null;
    definition: string;
    portalDefinition: string;
  } | null;
  /** With `compare=`: the baseline period, its totals and the change's breaks; null without. */
  compare?: ChoroplethCompare | null;
  /** The month the anomaly flags test (mart_anomaly), and how many areas have one; null: none. */
  unusual?: { month: string; areas: number } | null;
  /**
   * How the counts treat duplicates (duplicates=): kept counts requests, merged counts problems;
   * requests and problems city-wide for the filters either way, with the sentence shown.
   */
  duplicates: DuplicateTotals;
}

export interface DuplicateTotals {
  mode: 'kept' | 'merged';
  requests: number;
  problems: number;
  /** "1,234 requests merged into 980 problems (21%)" (lib/api/texts.ts). */
  sentence: string;
}

export interface FilterOption {
  value: string;
  /** The value's name where the data has one (Seattle's sector codes), else the value. */
  label: string;
  count: number;
}

/** Whether a level has located data in the view's range (the picker disables it otherwise). */
export interface LevelAvailability {
  id: string;
  /** Requests in the range located in one of the level's areas. */
  located: number;
  available: boolean;
  /** Why the level cannot be drawn, one sentence; null when available. */
  reason: string | null;
}

export interface FilterOptionsResponse {
  city: string;
  /** The range the counts cover (the view's range). */
  from: string;
  to: string;
  type: FilterOption[];
  category: FilterOption[];
  channel: FilterOption[];
  division: FilterOption[];
  levels: LevelAvailability[];
}

export interface ApiError {
  error: string;
  parameter?: string;
}

// ---- chart responses ------------------------------------------------------------------------

export interface ChartArea {
  key: string;
  name: string;
  population: number | null;
}

/** Carried by every chart response: enough to caption a chart and head its CSV. */
export interface ChartMeta {
  city: string;
  cityName: string;
  kind: '311' | 'crime';
  level: string;
  levelLabel: string;
  metric: string;
  area: ChartArea | null;
  from: string;
  to: string;
  months: number;
  /** The filters the view sets, by URL parameter name (comma-joined lists). */
  filters: Record<string, string>;
  attribution: string;
  generatedAt: string;
  hasResolution: boolean;
  hasSla: boolean;
  hasChannel: boolean;
}

export interface HeatmapColumn {
  key: string;
  label: string;
}

export interface HeatmapCell {
  column: string;
  count: number;
  /** count ÷ the type's total over all columns; null when the type has none. */
  share: number | null;
}

export interface HeatmapRow {
  type: string;
  category: string;
  total: number;
  cells: HeatmapCell[];
}

export interface SeasonTop {
  season: Season;
  label: string;
  total: number;
  types: { rank: number; type: string; count: number; share: number | null }[];
}

export interface RankedArea {
  rank: number;
  areaKey: string;
  areaName: string;
  count: number;
  /** Share of the type's total over all areas of the level. */
  share: number | null;
  per1000: number | null;
}

export interface HeatmapResponse {
  meta: ChartMeta;
  mode: HeatmapMode;
  topN: number;
  columns: HeatmapColumn[];
  /** The top-N types by total in scope, most first. */
  rows: HeatmapRow[];
  /** Types in scope beyond the top N (not drawn). */
  otherTypes: number;
  /** Requests of those types: the drawn cells plus this add up to `total`. */
  otherCount: number;
  /** Requests in scope (every type). */
  total: number;
  topBySeason: SeasonTop[];
  /** Every area of the level with the picked type, most first. */
  ranked: { type: string; season: Season | null; areas: RankedArea[] } | null;
}

export interface TrendPoint {
  month: string;
  category: string;
  /** null for a month with no data at all (a gap, not a zero). */
  count: number | null;
}

export interface TrendMonth {
  month: string;
  /** Requests that month over all series; null for a gap. */
  total: number | null;
  /** No data at all that month (in the city's file), drawn as a gap. */
  gap: boolean;
  /** The month is the last of the data and the data ends before its last day. */
  partial: boolean;
  /** Volume far from the other months (< ¼ or > 4× their median): coverage of the file. */
  outlier: boolean;
}

export interface TrendsResponse {
  meta: ChartMeta;
  months: string[];
  monthInfo: TrendMonth[];
  /** One sentence when some months are partial, gaps or outliers; null otherwise. */
  coverageNote: string | null;
  /** Largest first; OTHER_CATEGORY last when present. Each name appears once. */
  categories: string[];
  /** One point per month × category, in month then category order. */
  points: TrendPoint[];
  /** With `compare=`: the same series over the baseline period (month i against month i). */
  compare?: ChartCompare<{
    months: string[];
    monthInfo: TrendMonth[];
    categories: string[];
    points: TrendPoint[];
  }> | null;
}

export type BreakdownDimension = 'type' | 'channel';

export interface TypeBreakdownRow {
  category: string;
  type: string;
  count: number;
  shareOfCategory: number | null;
  shareOfTotal: number | null;
}

export interface ChannelRow {
  channel: string;
  count: number;
  share: number | null;
}

export type BreakdownResponse = (
  | { meta: ChartMeta; dimension: 'type'; total: number; rows: TypeBreakdownRow[] }
  | {
      meta: ChartMeta;
      dimension: 'channel';
      /** False where the city publishes no channel: `message` says so, rows are empty. */
      available: boolean;
      message: string | null;
      total: number;
      rows: ChannelRow[];
    }
) & {
  /** With `compare=`: the same breakdown over the baseline period. */
  compare?: ChartCompare<{ total: number; rows: (TypeBreakdownRow | ChannelRow)[] }> | null;
};

export interface HistogramBin {
  bucket: number;
  label: string;
  fromHours: number;
  /** null for the open-ended last bucket. */
  toHours: number | null;
  count: number;
  share: number | null;
}

export interface ResolutionSummary {
  /** Closed requests with a known resolution time. */
  closed: number;
  p50Days: number | null;
  p90Days: number | null;
  avgDays: number | null;
  maxDays: number | null;
  /** closed on time ÷ (closed + open and overdue); null without a target or nothing due. */
  onTimePct: number | null;
  /** The on-time denominator: closed with a verdict + open and overdue. */
  slaDue: number;
  /** The portal's own flag: on time ÷ closed with a verdict. */
  portalOnTimePct: number | null;
}

export interface ResolutionTypeRow extends ResolutionSummary {
  type: string;
  category: string;
}

export interface ResolutionCategoryRow extends ResolutionSummary {
  category: string;
}

export interface ResolutionEstimate {
  type: string;
  areaKey: string | null;
  areaName: string | null;
  /** Whether the answer comes from the area's history or, too few there, the city's. */
  basis: 'area' | 'city';
  closed: number;
  /** False when even the city has fewer than `minSample` closed requests of the type. */
  enough: boolean;
  minSample: number;
  p50Days: number | null;
  p90Days: number | null;
}

export type ResolutionResponse =
  | { meta: ChartMeta; available: false; reason: 'no-closing-dates'; message: string }
  | {
      meta: ChartMeta;
      available: true;
      /** View filters resolution times cannot be broken down by (left out of every figure). */
      ignoredFilters: string[];
      histogram: HistogramBin[];
      summary: ResolutionSummary;
      /** City-wide summary for comparison when an area is selected. */
      citySummary: ResolutionSummary | null;
      /** Every type with closed requests in scope, most closed first. */
      byType: ResolutionTypeRow[];
      /** Every category with closed requests in scope, most closed first. */
      byCategory: ResolutionCategoryRow[];
      /** Definitions of the on-time figures. */
      onTimeDefinition: string;
      portalOnTimeDefinition: string;
      /** With `compare=`: the summary over the baseline period (total = closed requests). */
      compare?: ChartCompare<{ summary: ResolutionSummary }> | null;
    };

export type ResolutionEstimateResponse =
  | { meta: ChartMeta; available: false; reason: 'no-closing-dates'; message: string }
  | { meta: ChartMeta; available: true; estimate: ResolutionEstimate };

export interface ProfileFigure {
  key: 'requests' | 'per_1000' | 'median_days' | 'p90_days' | 'on_time_pct' | 'still_open';
  label: string;
  area: number | null;
  city: number | null;
}

export interface ProfileType {
  rank: number;
  type: string;
  count: number;
  share: number | null;
  cityShare: number | null;
  p50Days: number | null;
}

export interface ProfileTrendPoint {
  month: string;
  area: number;
  city: number;
  areaIndex: number | null;
  cityIndex: number | null;
}

export interface AreaProfileResponse {
  meta: ChartMeta & { area: ChartArea };
  figures: ProfileFigure[];
  topTypes: ProfileType[];
  trend: ProfileTrendPoint[];
  /** With `compare=`: the area's and the city's figures over the baseline period. */
  compare?: ChartCompare<{ figures: ProfileFigure[] }> | null;
}

// ---- when requests arrive (/api/patterns) ----------------------------------------------------

/** One weekday of the hour grid: 24 counts, hour 0 first, in the city's local time. */
export interface PatternsRow {
  /** ISO weekday, 1 = Monday … 7 = Sunday. */
  weekday: number;
  label: string;
  counts: number[];
  total: number;
}

/** The busiest window of consecutive hours on one weekday. */
export interface PatternsPeak {
  weekday: number;
  /** First hour of the window (0–23) and the hour it ends at (exclusive, up to 24). */
  fromHour: number;
  toHour: number;
  count: number;
  /** count ÷ the grid's total. */
  share: number | null;
}

export interface PatternsResponse {
  meta: ChartMeta;
  timezone: string;
  /** False when none of the view's requests has a published opening time (dates only). */
  hasOpenTimes: boolean;
  /** Monday … Sunday, each 24 hours. */
  rows: PatternsRow[];
  /** Requests matching the view (timed or not): grid total + untimed. */
  total: number;
  /** Requests in the grid. */
  timed: number;
  /** Requests from months whose source publishes opening dates only, left out of the grid. */
  untimed: number;
  peak: PatternsPeak | null;
  busiestDay: { weekday: number; count: number; share: number | null } | null;
  busiestHour: { hour: number; count: number; share: number | null } | null;
  /** The peak in words ("Most requests arrive Mondays 9–11 am …"); null when nothing to say. */
  summary: string | null;
  /** Why the grid is empty or partial, one sentence; null when it holds every request. */
  note: string | null;
}
