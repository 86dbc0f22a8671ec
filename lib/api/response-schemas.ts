/**
 * zod schemas of every JSON answer the API gives, in one place: the OpenAPI document
 * (lib/api/openapi.ts) is generated from them with z.toJSONSchema, and a test makes each route's
 * real answer pass them. The compile-time checks at the end keep each schema and its TypeScript
 * type in lib/api/types.ts (and beside its query) the same shape. Client-safe.
 */
import { z } from 'zod';
import { CLASSIFICATIONS, COMPARISONS, DUPLICATE_MODES, METRICS } from '@/lib/view/schema';
import { HEATMAP_MODES, SEASONS } from '@/lib/heatmap-shape';
import { ANOMALY_PERIODS } from '@/lib/anomaly';
import type * as T from './types';
import type { AnomaliesResponse } from '@/lib/queries/anomalies';
import type { StatusResponse } from '@/lib/status';

const kind = z.enum(['311', 'crime']);
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const nullableNumber = z.number().nullable();
const metric = z.enum(METRICS);

export const apiErrorSchema = z
  .object({
    error: z.string().describe('One sentence naming the problem.'),
    parameter: z.string().optional().describe('The query parameter at fault, when there is one.'),
  })
  .meta({ description: 'The answer of every failed request.' });

// ---- /api/cities ----------------------------------------------------------------------------

const levelSummary = z.object({
  id: z.string(),
  label: z.string(),
  areas: z.number().int(),
  hasPopulation: z.boolean(),
  boundaryUrl: z.string(),
});

const citySummary = z.object({
  id: z.string(),
  name: z.string(),
  kind,
  nouns: z.object({ one: z.string(), many: z.string(), type: z.string(), types: z.string() }),
  timezone: z.string(),
  levels: z.array(levelSummary),
  metrics: z.array(metric),
  hasResolution: z.boolean(),
  hasSla: z.boolean(),
  hasChannel: z.boolean(),
  loaded: z.boolean(),
  freshness: z.string().nullable(),
  firstMonth: isoDate.nullable(),
  lastMonth: isoDate.nullable(),
  lastOpened: isoDate.nullable(),
  lastCompleteMonth: isoDate.nullable(),
  rowsLoaded: z.number().int().nullable(),
  attribution: z.string(),
  view: z.object({ longitude: z.number(), latitude: z.number(), zoom: z.number() }),
  bbox: z.tuple([z.number(), z.number(), z.number(), z.number()]),
});

export const citiesResponseSchema = z
  .object({ cities: z.array(citySummary) })
  .meta({ description: 'Every configured city with what its data holds.' });

// ---- compare= (lib/queries/compare.ts) ------------------------------------------------------

const compareSummary = z.object({
  compare: z.enum(COMPARISONS),
  label: z.string().describe('The words beside every change: "previous 12 months".'),
  from: isoDate,
  to: isoDate,
  months: z.number().int(),
  total: z.number().describe('The city-wide total of the baseline period.'),
  difference: z.number(),
  relative: nullableNumber.describe('The change in %; null when the baseline is 0.'),
  partial: z.boolean().describe('The period ends in a month the data covers only partly.'),
});

/** A chart route's `compare`: the baseline period and the chart's own figures for it. */
const chartCompare = <B extends z.ZodType>(baseline: B) =>
  compareSummary
    .extend({ baseline })
    .nullable()
    .optional()
    .describe('With compare=: the same figures over the baseline period.');

const compareArea = z.object({
  baseline: nullableNumber,
  baselineCount: z.number(),
  difference: nullableNumber,
  relative: nullableNumber,
  tooFew: z.boolean(),
});

// ---- /api/choropleth ------------------------------------------------------------------------

const choroplethArea = z.object({
  area_key: z.string(),
  area_name: z.string(),
  value: nullableNumber,
  count: z.number(),
  population: nullableNumber,
  tooFew: z.boolean(),
  rank: z.number().int().nullable(),
  portalOnTimePct: nullableNumber.optional(),
  hotspot: z.boolean().optional(),
  compare: compareArea
    .optional()
    .describe("With compare=: the area's value in the baseline period and the change."),
  unusual: z
    .array(z.string())
    .optional()
    .describe('Types or categories flagged unusual this month here.'),
});

export const choroplethResponseSchema = z
  .object({
    city: z.string(),
    kind,
    level: z.string(),
    metric,
    classification: z.enum(CLASSIFICATIONS),
    from: isoDate,
    to: isoDate,
    unit: z.string(),
    definition: z.string(),
    minSample: z.number().int(),
    areas: z.array(choroplethArea),
    unlocated: z.number(),
    total: z.number(),
    breaks: z.array(z.number()),
    classCounts: z.array(z.number().int()),
    noData: z.number().int(),
    tooFew: z.number().int(),
    hotspots: z
      .object({
        test: z.string(),
        alpha: z.number(),
        minExpected: z.number(),
        tested: z.number().int(),
        found: z.number().int(),
      })
      .nullable(),
    onTime: z
      .object({
        pct: nullableNumber,
        portalPct: nullableNumber,
        definition: z.string(),
        portalDefinition: z.string(),
      })
      .nullable(),
    compare: compareSummary
      .extend({
        unlocated: z.number(),
        breaks: z.array(z.number()),
        classCounts: z.array(z.number().int()),
        noData: z.number().int(),
        tooFew: z.number().int(),
        periodBreaks: z.array(z.number()),
      })
      .nullable()
      .optional()
      .describe("With compare=: the baseline period, its totals and the change's class breaks."),
    unusual: z
      .object({ month: isoDate, areas: z.number().int() })
      .nullable()
      .optional()
      .describe('The month the anomaly flags test and how many areas have one.'),
    duplicates: z
      .object({
        mode: z.enum(DUPLICATE_MODES),
        requests: z.number(),
        problems: z.number(),
        sentence: z.string(),
      })
      .describe('Requests and problems city-wide for the filters (duplicates=).'),
  })
  .meta({ description: "Each area's value of the view's metric, with class breaks and totals." });

const filterOption = z.object({ value: z.string(), label: z.string(), count: z.number() });

export const filterOptionsResponseSchema = z
  .object({
    city: z.string(),
    from: isoDate,
    to: isoDate,
    type: z.array(filterOption),
    category: z.array(filterOption),
    channel: z.array(filterOption),
    division: z.array(filterOption),
    levels: z.array(
      z.object({
        id: z.string(),
        located: z.number(),
        available: z.boolean(),
        reason: z.string().nullable(),
      }),
    ),
  })
  .meta({
    description: 'The values each filter can take, with counts in the range, and usable levels.',
  });

// ---- chart responses ------------------------------------------------------------------------

const chartArea = z.object({ key: z.string(), name: z.string(), population: nullableNumber });

const chartMeta = z.object({
  city: z.string(),
  cityName: z.string(),
  kind,
  level: z.string(),
  levelLabel: z.string(),
  metric: z.string(),
  area: chartArea.nullable(),
  from: isoDate,
  to: isoDate,
  months: z.number().int(),
  filters: z.record(z.string(), z.string()),
  attribution: z.string(),
  generatedAt: z.string(),
  hasResolution: z.boolean(),
  hasSla: z.boolean(),
  hasChannel: z.boolean(),
});

const season = z.enum(SEASONS);

const trendMonth = z.object({
  month: isoDate,
  total: nullableNumber,
  gap: z.boolean(),
  partial: z.boolean(),
  outlier: z.boolean(),
});
const trendPoint = z.object({ month: isoDate, category: z.string(), count: nullableNumber });

export const heatmapResponseSchema = z
  .object({
    meta: chartMeta,
    mode: z.enum(HEATMAP_MODES),
    topN: z.number().int(),
    columns: z.array(z.object({ key: z.string(), label: z.string() })),
    rows: z.array(
      z.object({
        type: z.string(),
        category: z.string(),
        total: z.number(),
        cells: z.array(z.object({ column: z.string(), count: z.number(), share: nullableNumber })),
      }),
    ),
    otherTypes: z.number().int(),
    otherCount: z.number(),
    total: z.number(),
    topBySeason: z.array(
      z.object({
        season,
        label: z.string(),
        total: z.number(),
        types: z.array(
          z.object({
            rank: z.number().int(),
            type: z.string(),
            count: z.number(),
            share: nullableNumber,
          }),
        ),
      }),
    ),
    ranked: z
      .object({
        type: z.string(),
        season: season.nullable(),
        areas: z.array(
          z.object({
            rank: z.number().int(),
            areaKey: z.string(),
            areaName: z.string(),
            count: z.number(),
            share: nullableNumber,
            per1000: nullableNumber,
          }),
        ),
      })
      .nullable(),
  })
  .meta({ description: 'Top types by month of year or by season.' });

export const trendsResponseSchema = z
  .object({
    meta: chartMeta,
    months: z.array(isoDate),
    monthInfo: z.array(trendMonth),
    coverageNote: z.string().nullable(),
    categories: z.array(z.string()),
    points: z.array(trendPoint),
    compare: chartCompare(
      z.object({
        months: z.array(isoDate),
        monthInfo: z.array(trendMonth),
        categories: z.array(z.string()),
        points: z.array(trendPoint),
      }),
    ),
  })
  .meta({ description: 'Requests per month, by category.' });

const typeBreakdownRow = z.object({
  category: z.string(),
  type: z.string(),
  count: z.number(),
  shareOfCategory: nullableNumber,
  shareOfTotal: nullableNumber,
});
const channelRow = z.object({ channel: z.string(), count: z.number(), share: nullableNumber });
const breakdownCompare = chartCompare(
  z.object({ total: z.number(), rows: z.array(z.union([typeBreakdownRow, channelRow])) }),
);

export const breakdownResponseSchema = z
  .discriminatedUnion('dimension', [
    z.object({
      meta: chartMeta,
      dimension: z.literal('type'),
      total: z.number(),
      rows: z.array(typeBreakdownRow),
      compare: breakdownCompare,
    }),
    z.object({
      meta: chartMeta,
      dimension: z.literal('channel'),
      available: z.boolean(),
      message: z.string().nullable(),
      total: z.number(),
      rows: z.array(channelRow),
      compare: breakdownCompare,
    }),
  ])
  .meta({ description: 'Requests by type or by intake channel.' });

const resolutionSummary = z.object({
  closed: z.number(),
  p50Days: nullableNumber,
  p90Days: nullableNumber,
  avgDays: nullableNumber,
  maxDays: nullableNumber,
  onTimePct: nullableNumber,
  slaDue: z.number(),
  portalOnTimePct: nullableNumber,
});

const noClosingDates = z.object({
  meta: chartMeta,
  available: z.literal(false),
  reason: z.literal('no-closing-dates'),
  message: z.string(),
});

export const resolutionResponseSchema = z
  .union([
    noClosingDates,
    z.object({
      meta: chartMeta,
      available: z.literal(true),
      ignoredFilters: z.array(z.string()),
      histogram: z.array(
        z.object({
          bucket: z.number().int(),
          label: z.string(),
          fromHours: z.number(),
          toHours: nullableNumber,
          count: z.number(),
          share: nullableNumber,
        }),
      ),
      summary: resolutionSummary,
      citySummary: resolutionSummary.nullable(),
      byType: z.array(resolutionSummary.extend({ type: z.string(), category: z.string() })),
      byCategory: z.array(resolutionSummary.extend({ category: z.string() })),
      onTimeDefinition: z.string(),
      portalOnTimeDefinition: z.string(),
      compare: chartCompare(z.object({ summary: resolutionSummary })),
    }),
  ])
  .meta({ description: 'Time to close: distribution and summaries.' });

export const resolutionEstimateResponseSchema = z
  .union([
    noClosingDates,
    z.object({
      meta: chartMeta,
      available: z.literal(true),
      estimate: z.object({
        type: z.string(),
        areaKey: z.string().nullable(),
        areaName: z.string().nullable(),
        basis: z.enum(['area', 'city']),
        closed: z.number(),
        enough: z.boolean(),
        minSample: z.number().int(),
        p50Days: nullableNumber,
        p90Days: nullableNumber,
      }),
    }),
  ])
  .meta({ description: 'The typical time to close one type (with estimateType).' });

const profileFigure = z.object({
  key: z.enum(['requests', 'per_1000', 'median_days', 'p90_days', 'on_time_pct', 'still_open']),
  label: z.string(),
  area: nullableNumber,
  city: nullableNumber,
});

export const areaProfileResponseSchema = z
  .object({
    meta: chartMeta.extend({ area: chartArea }),
    figures: z.array(profileFigure),
    topTypes: z.array(
      z.object({
        rank: z.number().int(),
        type: z.string(),
        count: z.number(),
        share: nullableNumber,
        cityShare: nullableNumber,
        p50Days: nullableNumber,
      }),
    ),
    trend: z.array(
      z.object({
        month: isoDate,
        area: z.number(),
        city: z.number(),
        areaIndex: nullableNumber,
        cityIndex: nullableNumber,
      }),
    ),
    compare: chartCompare(z.object({ figures: z.array(profileFigure) })),
  })
  .meta({ description: "The selected area's figures against the city." });

const share = nullableNumber.describe('count ÷ the grid total.');

export const patternsResponseSchema = z
  .object({
    meta: chartMeta,
    timezone: z.string(),
    hasOpenTimes: z
      .boolean()
      .describe('False when no request of the view has a published opening time.'),
    rows: z
      .array(
        z.object({
          weekday: z.number().int().min(1).max(7).describe('ISO weekday: 1 = Monday.'),
          label: z.string(),
          counts: z.array(z.number()).describe('24 counts, hour 0 first, local time.'),
          total: z.number(),
        }),
      )
      .describe('Monday … Sunday.'),
    total: z.number().describe('Requests matching the view: timed + untimed.'),
    timed: z.number().describe('Requests in the grid.'),
    untimed: z.number().describe('Requests from months published with dates only.'),
    peak: z
      .object({
        weekday: z.number().int().min(1).max(7),
        fromHour: z.number().int(),
        toHour: z.number().int().describe('Exclusive, up to 24.'),
        count: z.number(),
        share,
      })
      .nullable(),
    busiestDay: z
      .object({ weekday: z.number().int().min(1).max(7), count: z.number(), share })
      .nullable(),
    busiestHour: z.object({ hour: z.number().int(), count: z.number(), share }).nullable(),
    summary: z.string().nullable(),
    note: z.string().nullable(),
  })
  .meta({ description: 'Requests by weekday and hour of opening, the busiest window named.' });

export const anomaliesResponseSchema = z
  .object({
    city: z.string(),
    level: z.string(),
    month: isoDate.nullable(),
    week: isoDate
      .nullable()
      .describe('The week tested (its Monday); null where data is not daily.'),
    tests: z.number().int(),
    test: z.string(),
    flags: z.array(
      z.object({
        areaKey: z.string(),
        areaName: z.string(),
        dimension: z.enum(['type', 'category']),
        value: z.string(),
        observed: z.number(),
        expected: z.number(),
        ratio: z.number(),
        pValue: z.number(),
        period: z.enum(ANOMALY_PERIODS),
        periodStart: isoDate.describe("The month's first day or the week's Monday."),
        problems: z
          .number()
          .int()
          .optional()
          .describe('duplicates=merged only: the problems among the observed requests.'),
      }),
    ),
  })
  .meta({
    description: 'Types and categories unusually high in the last complete month or week.',
  });

const statusRun = z.object({
  runId: z.string(),
  source: z.string(),
  status: z.enum(['success', 'failed']),
  finished: z.string(),
  rowsLoaded: z.number().int(),
  rowsQuarantined: z.number().int(),
  step: z.string().nullable(),
});

export const statusResponseSchema = z
  .object({
    generatedAt: z.string(),
    cities: z.array(
      z.object({
        city: z.string(),
        name: z.string(),
        cadence: z.enum(['daily', 'weekly', 'monthly']),
        loaded: z.boolean(),
        watermark: z.string().nullable(),
        dataTo: z.string().nullable(),
        firstMonth: isoDate.nullable(),
        lastMonth: isoDate.nullable(),
        monthsCovered: z.number().int(),
        rowsLoaded: z.number().int(),
        rowsQuarantined: z.number().int(),
        rowsUnmapped: z.number().int(),
        lastRun: statusRun.nullable(),
        lastSuccess: statusRun.nullable(),
        stale: z.boolean(),
        freshness: z.object({
          stale: z.boolean(),
          reason: z.enum(['never-published', 'late', 'zero-rows']).nullable(),
          mode: z.enum(['live', 'sample']).nullable(),
          lastSuccess: z.string().nullable(),
          lastNonEmptySuccess: z.string().nullable(),
          zeroRowWarning: z.boolean(),
          maxAgeHours: z.number(),
          ageHours: nullableNumber,
          measuredFrom: z.string().nullable(),
          message: z.string(),
        }),
      }),
    ),
  })
  .meta({ description: 'Per city: the last runs, rows and freshness.' });

/** Every answer schema by the name the OpenAPI document gives it (components.schemas). */
export const RESPONSE_SCHEMAS = {
  ApiError: apiErrorSchema,
  CitiesResponse: citiesResponseSchema,
  ChoroplethResponse: choroplethResponseSchema,
  FilterOptionsResponse: filterOptionsResponseSchema,
  HeatmapResponse: heatmapResponseSchema,
  TrendsResponse: trendsResponseSchema,
  BreakdownResponse: breakdownResponseSchema,
  ResolutionResponse: resolutionResponseSchema,
  ResolutionEstimateResponse: resolutionEstimateResponseSchema,
  AreaProfileResponse: areaProfileResponseSchema,
  PatternsResponse: patternsResponseSchema,
  AnomaliesResponse: anomaliesResponseSchema,
  StatusResponse: statusResponseSchema,
} as const;

// ---- the schemas and their TypeScript types are one shape -----------------------------------

/**
 * Every optional field made required, all the way down: two types that are `Same` after this
 * have the same fields, optional ones included (plain mutual assignability lets a side lack an
 * optional field). `-?` also drops the `| undefined` zod adds to an optional field.
 */
type Strict<T> = T extends object ? { [K in keyof T]-?: Strict<T[K]> } : T;
type Same<A, B> = [Strict<A>] extends [Strict<B>]
  ? [Strict<B>] extends [Strict<A>]
    ? true
    : false
  : false;
const sameShape: [
  Same<z.infer<typeof apiErrorSchema>, T.ApiError>,
  Same<z.infer<typeof citiesResponseSchema>, T.CitiesResponse>,
  Same<z.infer<typeof choroplethResponseSchema>, T.ChoroplethResponse>,
  Same<z.infer<typeof filterOptionsResponseSchema>, T.FilterOptionsResponse>,
  Same<z.infer<typeof heatmapResponseSchema>, T.HeatmapResponse>,
  Same<z.infer<typeof trendsResponseSchema>, T.TrendsResponse>,
  Same<z.infer<typeof breakdownResponseSchema>, T.BreakdownResponse>,
  Same<z.infer<typeof resolutionResponseSchema>, T.ResolutionResponse>,
  Same<z.infer<typeof resolutionEstimateResponseSchema>, T.ResolutionEstimateResponse>,
  Same<z.infer<typeof areaProfileResponseSchema>, T.AreaProfileResponse>,
  Same<z.infer<typeof patternsResponseSchema>, T.PatternsResponse>,
  Same<z.infer<typeof anomaliesResponseSchema>, AnomaliesResponse>,
  Same<z.infer<typeof statusResponseSchema>, StatusResponse>,
] = [true, true, true, true, true, true, true, true, true, true, true, true, true];
void sameShape;
