/** GET /api/breakdown?<view>&dimension=type|channel */
import { z } from 'zod';
import { runRoute } from '@/lib/api/route';
import { getWarehouse } from '@/lib/server/warehouse';
import { parseChartParams } from '@/lib/queries/chart-context';
import { BREAKDOWN_DIMENSIONS, getBreakdown } from '@/lib/queries/breakdown';

const params = z.object({
  dimension: z.enum(BREAKDOWN_DIMENSIONS).default('type'),
});

export function GET(request: Request) {
  return runRoute(request, '/api/breakdown', (search) => {
    const { view, own } = parseChartParams(search, params);
    return getBreakdown(getWarehouse(), view, own);
  });
}
