/**
 * /embed/heatmap?<view params>[&mode=month|season&topN=10] — the seasonal heatmap alone, with
 * attribution, for iframes; it posts `{ type: 'atlas311:height', height }` to its parent. The
 * view goes through resolveView like the map's: city and level default the same way, unknown
 * parameters are ignored. `lang` chooses the language (proxy.ts) and is kept in the link back to
 * the dashboard.
 */
import { InvalidViewError } from '@/lib/api/errors';
import { isWarehouseError } from '@/lib/api/route';
import { EMBED_HEATMAP_KEYS, EMBED_HEATMAP_PARAMS } from '@/lib/view/embed';
import { viewToSearch } from '@/lib/view';
import { firstIssue } from '@/lib/view/schema';
import { getCities } from '@/lib/queries/cities';
import { toUrlSearchParams, type SearchParams } from '@/lib/server/request';
import { resolvePageView } from '@/lib/server/view';
import { getWarehouse } from '@/lib/server/warehouse';
import { EmbedHeatmap } from '@/components/charts/embed-heatmap';
import { LANG_PARAM, withLang } from '@/lib/i18n/locales';
import { ViewProblem } from '../../view-problem';

export const dynamic = 'force-dynamic';

export default async function EmbedHeatmapPage({
  searchParams,
}: {
  searchParams: Promise<SearchParams>;
}) {
  const search = toUrlSearchParams(await searchParams);
  const own = EMBED_HEATMAP_PARAMS.safeParse({
    mode: search.get('mode') ?? undefined,
    topN: search.get('topN') ?? undefined,
  });
  if (!own.success) {
    const issue = firstIssue(own.error);
    return <ViewProblem error={new InvalidViewError(issue.parameter, issue.error)} embed />;
  }
  for (const key of EMBED_HEATMAP_KEYS) search.delete(key);
  let cities;
  try {
    cities = await getCities(getWarehouse());
  } catch (error) {
    if (!isWarehouseError(error)) throw error;
    return (
      <main className="embed-problem" role="alert">
        <p>{error.message}</p>
      </main>
    );
  }
  const resolved = resolvePageView(Object.fromEntries(search), cities);
  if (!resolved.ok) return <ViewProblem error={resolved.error} embed />;
  const { view, city } = resolved;
  return (
    <main className="embed">
      <EmbedHeatmap
        view={view}
        city={city}
        attribution={city.attribution}
        mode={own.data.mode}
        topN={own.data.topN}
        dashboardHref={withLang(`/?${viewToSearch(view)}`, search.get(LANG_PARAM))}
      />
    </main>
  );
}
