/** GET /api/heatmap?<view>&mode=month|season&topN=10&rankType=<type>&season=<season> */
import { heatmapParams } from '@/lib/api/params';
import { runRoute } from '@/lib/api/route';
import { getWarehouse } from '@/lib/server/warehouse';
import { parseChartParams } from '@/lib/queries/chart-context';
import { getHeatmap } from '@/lib/queries/heatmap';

const params = heatmapParams;

export function GET(request: Request) {
  return runRoute(request, '/api/heatmap', (search) => {
    const { view, own } = parseChartParams(search, params);
    return getHeatmap(getWarehouse(), view, own);
  });
}
