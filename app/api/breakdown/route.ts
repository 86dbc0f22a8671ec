/** GET /api/breakdown?<view>&dimension=type|channel */
import { breakdownParams } from '@/lib/api/params';
import { runRoute } from '@/lib/api/route';
import { getWarehouse } from '@/lib/server/warehouse';
import { parseChartParams } from '@/lib/queries/chart-context';
import { getBreakdown } from '@/lib/queries/breakdown';

const params = breakdownParams;

export function GET(request: Request) {
  return runRoute(request, '/api/breakdown', (search) => {
    const { view, own } = parseChartParams(search, params);
    return getBreakdown(getWarehouse(), view, own);
  });
}
