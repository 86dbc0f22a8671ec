/**
 * Server prefetch for a page's first paint: run the choropleth query function directly under the
 * same query key the browser uses (lib/api/query-options.ts), and hand the dehydrated cache to
 * <HydrationBoundary>. A failed query is left out, so the browser fetches it and shows the error.
 */
import 'server-only';
import { dehydrate, QueryClient, type DehydratedState } from '@tanstack/react-query';
import { choroplethQuery } from '@/lib/api/query-options';
import type { View } from '@/lib/view';
import { getChoropleth } from '@/lib/queries/choropleth';
import { getWarehouse } from './warehouse';

export async function prefetchChoropleth(view: View): Promise<DehydratedState> {
  const client = new QueryClient();
  await client.prefetchQuery({
    ...choroplethQuery(view),
    queryFn: () => getChoropleth(getWarehouse(), view),
    retry: false,
  });
  return dehydrate(client);
}
