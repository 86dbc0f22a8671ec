import { requireParams, runRoute } from '@/lib/api/route';
import { getCities } from '@/lib/queries/cities';
import { getWarehouse } from '@/lib/server/warehouse';

export const dynamic = 'force-dynamic';

export function GET(request: Request): Promise<Response> {
  return runRoute(request, '/api/cities', (params) => {
    requireParams(params, []);
    return getCities(getWarehouse());
  });
}
