'use client';

import dynamic from 'next/dynamic';
import type { ChoroplethResponse, CitySummary } from '@/lib/api/types';
import type { View } from '@/lib/view';

/** Charts (and recharts) load in their own chunk after the map, so they never delay its paint. */
const ChartsPanel = dynamic(
  () => import('@/components/charts/charts-panel').then((module) => module.ChartsPanel),
  {
    ssr: false,
    loading: () => <div className="skeleton" style={{ minHeight: 240 }} aria-busy="true" />,
  },
);

/** Mounts the ChartsPanel with the same city summary the map uses. */
export function ChartsSlot({
  view,
  city,
  data,
}: {
  view: View;
  city: CitySummary;
  data: ChoroplethResponse | undefined;
}) {
  return (
    <section className="panel charts-slot" aria-label="Charts" data-testid="charts-slot">
      <ChartsPanel
        view={view}
        city={city}
        areas={data?.areas.map((a) => ({ key: a.area_key, label: a.area_name }))}
      />
    </section>
  );
}
