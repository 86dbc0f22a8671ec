/** GET /api/trends?<view>&maxCategories=8 */
import { z } from 'zod';
import { runRoute } from '@/lib/api/route';
import { getWarehouse } from '@/lib/server/warehouse';
import { parseChartParams } from '@/lib/queries/chart-context';
import { getTrends } from '@/lib/queries/trends';

const params = z.object({
  maxCategories: z.coerce.number().int().min(2).max(20).default(8),
});

export function GET(request: Request) {
  return runRoute(request, '/api/trends', (search) => {
    const { view, own } = parseChartParams(search, params);
    return getTrends(getWarehouse(), view, own);
  });
}
