import { requireView, runRoute } from '@/lib/api/route';
import { getChoropleth } from '@/lib/queries/choropleth';
import { getWarehouse } from '@/lib/server/warehouse';

export const dynamic = 'force-dynamic';

export function GET(request: Request): Promise<Response> {
  return runRoute(request, '/api/choropleth', (params) =>
    getChoropleth(getWarehouse(), requireView(params)),
  );
}
