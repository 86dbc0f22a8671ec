/**
 * GET /api/choropleth/options?city=toronto[&level&from&to&filters]: the values each filter can
 * take with their counts in the view's range, and which levels have located data there.
 */
import { runRoute } from '@/lib/api/route';
import { getFilterOptions } from '@/lib/queries/cities';
import { requireView } from '@/lib/server/request';
import { getWarehouse } from '@/lib/server/warehouse';

export const dynamic = 'force-dynamic';

export function GET(request: Request): Promise<Response> {
  return runRoute(request, '/api/choropleth/options', async (params) => {
    const { view } = await requireView(params, { defaultLevel: true });
    return getFilterOptions(getWarehouse(), view);
  });
}
