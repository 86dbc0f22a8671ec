/**
 * GET /api/anomalies?city=<id>&level=<level>[&dimension=type|category][&limit=10]: the areas
 * whose last complete month is unusually high for a type or category (lib/anomaly.ts), with
 * observed, expected, ratio and p-value. level=_city tests the city as a whole. Unknown
 * parameters are a 400.
 */
import { z } from 'zod';
import { requireSchema, runRoute } from '@/lib/api/route';
import { ANOMALY_DIMENSIONS, getAnomalies } from '@/lib/queries/anomalies';
import { getWarehouse } from '@/lib/server/warehouse';

export const dynamic = 'force-dynamic';

const params = z.strictObject({
  city: z.string().regex(/^[a-z][a-z0-9-]*$/, 'must be a city id such as toronto'),
  level: z.string().regex(/^_?[a-z][a-z0-9_]*$/, 'must be a level id such as ward'),
  dimension: z.enum(ANOMALY_DIMENSIONS).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(10),
});

export function GET(request: Request): Promise<Response> {
  return runRoute(request, '/api/anomalies', (search) => {
    return getAnomalies(getWarehouse(), requireSchema(search, params));
  });
}
