/** GET /api/trends?<view>&maxCategories=8 */
import { trendsParams } from '@/lib/api/params';
import { runRoute } from '@/lib/api/route';
import { getWarehouse } from '@/lib/server/warehouse';
import { parseChartParams } from '@/lib/queries/chart-context';
import { getTrends } from '@/lib/queries/trends';

const params = trendsParams;

export function GET(request: Request) {
  return runRoute(request, '/api/trends', (search) => {
    const { view, own } = parseChartParams(search, params);
    return getTrends(getWarehouse(), view, own);
  });
}
