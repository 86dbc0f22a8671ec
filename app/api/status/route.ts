/**
 * GET /api/status[?city=<id>]: per city, the watermark, last run, last successful publish, rows
 * loaded / quarantined / unmapped, months covered and `stale` (lib/freshness.ts). Unknown
 * parameters are a 400.
 */
import { statusParams } from '@/lib/api/params';
import { InvalidViewError } from '@/lib/api/errors';
import { requireSchema, runRoute } from '@/lib/api/route';
import { getCity } from '@/lib/cities';
import { getServerStatus } from '@/lib/server/status';

export const dynamic = 'force-dynamic';

const params = statusParams;

export function GET(request: Request): Promise<Response> {
  return runRoute(
    request,
    '/api/status',
    async (search) => {
      const { city } = requireSchema(search, params);
      if (city !== undefined && !getCity(city)) {
        throw new InvalidViewError('city', `unknown city "${city}"`);
      }
      return getServerStatus(city);
    },
    { fresh: true },
  );
}
