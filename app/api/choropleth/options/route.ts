import { InvalidViewError } from '@/lib/api/errors';
import { requireParams, runRoute } from '@/lib/api/route';
import { getFilterOptions } from '@/lib/queries/cities';
import { getWarehouse } from '@/lib/server/warehouse';

export const dynamic = 'force-dynamic';

/** GET /api/choropleth/options?city=toronto: the values each filter can take, most used first. */
export function GET(request: Request): Promise<Response> {
  return runRoute(request, '/api/choropleth/options', (params) => {
    requireParams(params, ['city']);
    const city = params.get('city');
    if (!city) throw new InvalidViewError('city', 'city is required');
    return getFilterOptions(getWarehouse(), city);
  });
}
