/**
 * GET /api/resolution?<view>[&limit=N]            distribution, summary, every type and category
 * GET /api/resolution?<view>&estimateType=<t>&estimateArea=<key>   typical time to close
 */
import { z } from 'zod';
import { runRoute } from '@/lib/api/route';
import { getWarehouse } from '@/lib/server/warehouse';
import { parseChartParams } from '@/lib/queries/chart-context';
import { getResolution, getResolutionEstimate } from '@/lib/queries/resolution';

const params = z.object({
  limit: z.coerce
    .number({ error: 'limit must be a whole number from 1 to 10,000.' })
    .int({ error: 'limit must be a whole number from 1 to 10,000.' })
    .min(1, { error: 'limit must be a whole number from 1 to 10,000.' })
    .max(10_000, { error: 'limit must be a whole number from 1 to 10,000.' })
    .optional(),
  estimateType: z.string().min(1).max(200).optional(),
  estimateArea: z.string().min(1).max(200).optional(),
});

export function GET(request: Request) {
  return runRoute(request, '/api/resolution', (search) => {
    const { view, own } = parseChartParams(search, params);
    if (own.estimateType !== undefined) {
      return getResolutionEstimate(getWarehouse(), view, {
        type: own.estimateType,
        areaKey: own.estimateArea,
      });
    }
    return getResolution(getWarehouse(), view, { limit: own.limit });
  });
}
