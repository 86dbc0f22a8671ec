/**
 * GET /api/anomalies?city=<id>&level=<level>[&dimension=type|category][&limit=10]: the areas
 * whose last complete month is unusually high for a type or category (lib/anomaly.ts), with
 * observed, expected, ratio and p-value. level=_city tests the city as a whole. Unknown
 * parameters are a 400.
 */
import { anomaliesParams } from '@/lib/api/params';
import { requireSchema, runRoute } from '@/lib/api/route';
import { getAnomalies } from '@/lib/queries/anomalies';
import { getWarehouse } from '@/lib/server/warehouse';

export const dynamic = 'force-dynamic';

const params = anomaliesParams;

export function GET(request: Request): Promise<Response> {
  return runRoute(request, '/api/anomalies', (search) => {
    return getAnomalies(getWarehouse(), requireSchema(search, params));
  });
}
