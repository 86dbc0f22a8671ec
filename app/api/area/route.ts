/** GET /api/area?<view with area> — the selected area's profile against the city. */
import { areaParams } from '@/lib/api/params';
import { runRoute } from '@/lib/api/route';
import { getWarehouse } from '@/lib/server/warehouse';
import { parseChartParams } from '@/lib/queries/chart-context';
import { getAreaProfile } from '@/lib/queries/area-profile';

const params = areaParams;

export function GET(request: Request) {
  return runRoute(request, '/api/area', (search) => {
    const { view } = parseChartParams(search, params);
    return getAreaProfile(getWarehouse(), view);
  });
}
