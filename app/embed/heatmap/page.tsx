/**
 * /embed/heatmap?<view params>[&mode=month|season&topN=10] — the seasonal heatmap alone, with
 * attribution, for iframes; it posts `{ type: 'atlas311:height', height }` to its parent.
 */
import { z } from 'zod';
import { getCity, getLevel } from '@/lib/cities';
import { viewToSearch } from '@/lib/filters';
import { parseChartParams } from '@/lib/queries/chart-context';
import { HEATMAP_MODES } from '@/lib/queries/heatmap-shape';
import { EmbedHeatmap } from '@/components/charts/embed-heatmap';
import type { CityInfo } from '@/components/charts/chart-types';

export const dynamic = 'force-dynamic';

const embedParams = z.object({
  mode: z.enum(HEATMAP_MODES).default('month'),
  topN: z.coerce.number().int().min(1).max(50).default(10),
});

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

function Problem({ message }: { message: string }) {
  return (
    <main className="embed-problem" role="alert">
      <p>This heatmap cannot be shown: {message}</p>
    </main>
  );
}

export default async function EmbedHeatmapPage({ searchParams }: { searchParams: SearchParams }) {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(await searchParams)) {
    if (typeof value === 'string') search.set(key, value);
    else if (Array.isArray(value) && value[0] !== undefined) search.set(key, value[0]);
  }
  let parsed: ReturnType<typeof parseChartParams<typeof embedParams>>;
  try {
    parsed = parseChartParams(search, embedParams);
  } catch (error) {
    return <Problem message={error instanceof Error ? error.message : 'invalid parameters'} />;
  }
  const { view, own } = parsed;
  const config = getCity(view.city);
  if (!config) return <Problem message={`city: unknown city "${view.city}"`} />;
  if (!getLevel(config, view.level))
    return <Problem message={`level: ${config.name} has no level "${view.level}"`} />;
  const city: CityInfo = {
    id: config.id,
    name: config.name,
    kind: config.kind,
    metrics: config.metrics,
    levels: config.levels.map((level) => ({ id: level.id, label: level.label })),
  };
  return (
    <main className="embed">
      <EmbedHeatmap
        view={view}
        city={city}
        attribution={config.attribution}
        mode={own.mode}
        topN={own.topN}
        dashboardHref={`/?${viewToSearch(view)}`}
      />
    </main>
  );
}
