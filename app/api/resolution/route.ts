/**
 * GET /api/resolution?<view>[&limit=N]            distribution, summary, every type and category
 * GET /api/resolution?<view>&estimateType=<t>&estimateArea=<key>   typical time to close
 */
import { resolutionParams } from '@/lib/api/params';
import { runRoute } from '@/lib/api/route';
import { getWarehouse } from '@/lib/server/warehouse';
import { parseChartParams } from '@/lib/queries/chart-context';
import { getResolution, getResolutionEstimate } from '@/lib/queries/resolution';

const params = resolutionParams;

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
