/** GET /api/heatmap?<view>&mode=month|season&topN=10&rankType=<type>&season=<season> */
import { z } from 'zod';
import { runRoute } from '@/lib/api/route';
import { getWarehouse } from '@/lib/server/warehouse';
import { parseChartParams } from '@/lib/queries/chart-context';
import { getHeatmap } from '@/lib/queries/heatmap';
import { HEATMAP_MODES, SEASONS } from '@/lib/heatmap-shape';

const params = z.object({
  mode: z.enum(HEATMAP_MODES).default('month'),
  topN: z.coerce.number().int().min(1).max(50).default(10),
  rankType: z.string().min(1).max(200).optional(),
  season: z.enum(SEASONS).optional(),
});

export function GET(request: Request) {
  return runRoute(request, '/api/heatmap', (search) => {
    const { view, own } = parseChartParams(search, params);
    return getHeatmap(getWarehouse(), view, own);
  });
}
