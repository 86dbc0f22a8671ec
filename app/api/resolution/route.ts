/**
 * GET /api/resolution?<view>&limit=20                       distribution, summary, by type
 * GET /api/resolution?<view>&estimateType=<t>&estimateArea=<key>   typical time to close
 */
import { z } from 'zod';
import { runRoute } from '@/lib/api/route';
import { getWarehouse } from '@/lib/server/warehouse';
import { parseChartParams } from '@/lib/queries/chart-context';
import { getResolution, getResolutionEstimate } from '@/lib/queries/resolution';

const params = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(20),
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
