/** GET /api/patterns?<view>: requests by weekday × hour of opening, the peak named in words. */
import { patternsParams } from '@/lib/api/params';
import { runRoute } from '@/lib/api/route';
import { getWarehouse } from '@/lib/server/warehouse';
import { parseChartParams } from '@/lib/queries/chart-context';
import { getPatterns } from '@/lib/queries/patterns';

const params = patternsParams;

export function GET(request: Request) {
  return runRoute(request, '/api/patterns', (search) => {
    const { view } = parseChartParams(search, params);
    return getPatterns(getWarehouse(), view);
  });
}
