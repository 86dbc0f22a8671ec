/**
 * The query parameters each API route reads beside the view (lib/view/schema.ts), as the zod
 * schemas the routes parse with: the routes import them from here so that the OpenAPI document
 * (lib/api/openapi.ts) is generated from the very schemas that answer the requests. Server-side.
 */
import { z } from 'zod';
import { HEATMAP_MODES, SEASONS } from '@/lib/heatmap-shape';
import { ANOMALY_DIMENSIONS } from '@/lib/queries/anomalies';
import { BREAKDOWN_DIMENSIONS } from '@/lib/queries/breakdown';

/** /api/area: the view only (its `area` is required). */
export const areaParams = z.object({});

/** /api/patterns: the view only. */
export const patternsParams = z.object({});

export const trendsParams = z.object({
  maxCategories: z.coerce
    .number()
    .int()
    .min(2)
    .max(20)
    .default(8)
    .describe('Categories drawn as their own series; the rest are summed as Other.'),
});

export const heatmapParams = z.object({
  mode: z.enum(HEATMAP_MODES).default('month').describe('Columns by month of year or by season.'),
  topN: z.coerce.number().int().min(1).max(50).default(10).describe('Types shown as rows.'),
  rankType: z
    .string()
    .min(1)
    .max(200)
    .optional()
    .describe('A type whose areas are ranked (the answer’s `ranked`).'),
  season: z.enum(SEASONS).optional().describe('Rank `rankType` within one season only.'),
});

export const breakdownParams = z.object({
  dimension: z
    .enum(BREAKDOWN_DIMENSIONS)
    .default('type')
    .describe('Break down by type or channel.'),
});

export const resolutionParams = z.object({
  limit: z.coerce
    .number({ error: 'limit must be a whole number from 1 to 10,000.' })
    .int({ error: 'limit must be a whole number from 1 to 10,000.' })
    .min(1, { error: 'limit must be a whole number from 1 to 10,000.' })
    .max(10_000, { error: 'limit must be a whole number from 1 to 10,000.' })
    .optional()
    .describe('Types and categories listed at most.'),
  estimateType: z
    .string()
    .min(1)
    .max(200)
    .optional()
    .describe('Answer the typical time to close this type instead (ResolutionEstimateResponse).'),
  estimateArea: z
    .string()
    .min(1)
    .max(200)
    .optional()
    .describe('With estimateType: the area whose history the estimate prefers.'),
});

export const anomaliesParams = z.strictObject({
  city: z.string().regex(/^[a-z][a-z0-9-]*$/, 'must be a city id such as toronto'),
  level: z
    .string()
    .regex(/^_?[a-z][a-z0-9_]*$/, 'must be a level id such as ward')
    .describe('A level id, or _city for the city as a whole.'),
  dimension: z.enum(ANOMALY_DIMENSIONS).optional().describe('Types or categories only.'),
  limit: z.coerce.number().int().min(1).max(100).default(10).describe('Flags listed at most.'),
  duplicates: z
    .enum(['kept', 'merged'])
    .optional()
    .describe(
      'merged: each flag also gives `problems`, the problems (counted once, by their first request) among its observed requests. The test itself counts requests.',
    ),
});

export const statusParams = z.strictObject({
  city: z.string().min(1).max(100).optional().describe('One city only.'),
});
