/**
 * Server prefetch for a page's first paint: run the choropleth query function directly under the
 * same query key the browser uses (lib/api/query-options.ts), and hand the dehydrated cache to
 * <HydrationBoundary>. A failed query is left out, so the browser fetches it and shows the error.
 * With the values and the level's boundary file the server also draws the map itself
 * (components/map/first-draw.tsx): the page paints it before its scripts load.
 */
import 'server-only';
import type { ReactNode } from 'react';
import { dehydrate, QueryClient, type DehydratedState } from '@tanstack/react-query';
import type { ChoroplethResponse, CitySummary } from '@/lib/api/types';
import { choroplethQuery } from '@/lib/api/query-options';
import type { View } from '@/lib/view';
import { getChoropleth } from '@/lib/queries/choropleth';
import { choroplethSvg } from '@/components/map/choropleth-svg';
import { FirstDraw } from '@/components/map/first-draw';
import { readBoundary } from './boundary';
import { getWarehouse } from './warehouse';

export interface Prefetched {
  state: DehydratedState;
  /** The server's drawing of the view's map; undefined when it has no values or no boundary. */
  firstDraw: ReactNode;
}

export async function prefetchChoropleth(view: View, city: CitySummary): Promise<Prefetched> {
  const client = new QueryClient();
  const options = choroplethQuery(view);
  await client.prefetchQuery({
    ...options,
    queryFn: () => getChoropleth(getWarehouse(), view),
    retry: false,
  });
  const data = client.getQueryData<ChoroplethResponse>(options.queryKey);
  return { state: dehydrate(client), firstDraw: await drawFirst(view, city, data) };
}

async function drawFirst(
  view: View,
  city: CitySummary,
  data: ChoroplethResponse | undefined,
): Promise<ReactNode> {
  // A comparison draws small multiples and its own legend: the plain map's drawing would mislead.
  if (!data || view.compare) return undefined;
  const level = city.levels.find((l) => l.id === view.level);
  const boundary = level ? await readBoundary(level.boundaryUrl) : null;
  const svg = boundary ? choroplethSvg(boundary, data, view.area) : null;
  return svg ? <FirstDraw svg={svg} /> : undefined;
}
