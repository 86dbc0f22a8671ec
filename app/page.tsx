import type { Metadata } from 'next';
import { Dashboard } from '@/components/dashboard/dashboard';
import { isWarehouseError } from '@/lib/api/route';
import { getEnv } from '@/lib/env';
import { notFound } from 'next/navigation';
import { getCities, hasArea } from '@/lib/queries/cities';
import { HydrationBoundary } from '@tanstack/react-query';
import { prefetchChoropleth } from '@/lib/server/prefetch';
import { resolvePageView, type SearchParams } from '@/lib/server/view';
import { getWarehouse } from '@/lib/server/warehouse';
import { ViewProblem } from './view-problem';
import { getCity, loadCities } from '@/lib/cities';
import { feedPath } from '@/lib/feed/paths';
import { toUrlSearchParams } from '@/lib/server/request';
import { getLocale, getTranslations } from 'next-intl/server';

export const dynamic = 'force-dynamic';

/** The page head links the Atom feeds of the view's city and of its area (lib/feed/paths.ts). */
export async function generateMetadata({
  searchParams,
}: {
  searchParams: Promise<SearchParams>;
}): Promise<Metadata> {
  const params = toUrlSearchParams(await searchParams);
  const city = params.get('city') ?? loadCities().keys().next().value;
  const config = city === undefined ? undefined : getCity(city);
  if (!config) return {};
  const level = params.get('level');
  const area = params.get('area');
  const [locale, t] = await Promise.all([getLocale(), getTranslations('feed')]);
  const feeds = [
    { url: feedPath({ city: config.id }, locale), title: t('linkCity', { city: config.name }) },
  ];
  if (level && area && config.levels.some((l) => l.id === level)) {
    feeds.push({ url: feedPath({ city: config.id, level, area }, locale), title: t('linkArea') });
  }
  return { alternates: { types: { 'application/atom+xml': feeds } } };
}

export default async function HomePage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  let cities;
  try {
    cities = await getCities(getWarehouse());
  } catch (error) {
    if (!isWarehouseError(error)) throw error;
    const tPages = await getTranslations('pages');
    return (
      <main className="page-message" role="alert" data-testid="page-error">
        <h1>{tPages('noData')}</h1>
        <p>{error.message}</p>
      </main>
    );
  }
  const resolved = resolvePageView(await searchParams, cities);
  if (!resolved.ok) return <ViewProblem error={resolved.error} />;
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
      {/* No Suspense boundary: the dashboard streams with the shell, so the map the server drew
          paints with the HTML instead of waiting for React to reveal a boundary. */}
      <Dashboard
        initialView={resolved.view}
        initialCities={cities}
        basemapUrl={getEnv().NEXT_PUBLIC_BASEMAP_STYLE_URL}
        firstDraw={firstDraw}
      />
    </HydrationBoundary>
  );
}
