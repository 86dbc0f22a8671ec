import { EmbedMap } from '@/components/map/embed-map';
import { isWarehouseError } from '@/lib/api/route';
import { getEnv } from '@/lib/env';
import { notFound } from 'next/navigation';
import { getCities, hasArea } from '@/lib/queries/cities';
import { HydrationBoundary } from '@tanstack/react-query';
import { prefetchChoropleth } from '@/lib/server/prefetch';
import { resolvePageView, type SearchParams } from '@/lib/server/view';
import { getWarehouse } from '@/lib/server/warehouse';
import { ViewProblem } from '../../view-problem';

export const dynamic = 'force-dynamic';

export default async function EmbedMapPage({
  searchParams,
}: {
  searchParams: Promise<SearchParams>;
}) {
  let cities;
  try {
    cities = await getCities(getWarehouse());
  } catch (error) {
    if (!isWarehouseError(error)) throw error;
    return <p role="alert">{error.message}</p>;
  }
  const resolved = resolvePageView(await searchParams, cities);
  if (!resolved.ok) return <ViewProblem error={resolved.error} embed />;
  const { view } = resolved;
  if (
    view.area !== undefined &&
    !(await hasArea(getWarehouse(), view.city, view.level, view.area))
  ) {
    notFound();
  }
  const { state, firstDraw } = await prefetchChoropleth(resolved.view, resolved.city);
  return (
    <HydrationBoundary state={state}>
      <EmbedMap
        view={resolved.view}
        city={resolved.city}
        basemapUrl={getEnv().NEXT_PUBLIC_BASEMAP_STYLE_URL}
        firstDraw={firstDraw}
      />
    </HydrationBoundary>
  );
}
