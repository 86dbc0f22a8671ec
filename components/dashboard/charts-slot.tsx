'use client';

import dynamic from 'next/dynamic';
import { useTranslations } from 'next-intl';
import type { ChoroplethResponse, CitySummary } from '@/lib/api/types';
import type { View } from '@/lib/view';
import { useMapDrawn } from '@/components/map/map-drawn';
import type { UiState } from './ui-state';

/**
 * Charts (and recharts) load in their own chunk, and only once the map has drawn (useMapDrawn),
 * so they never delay its paint.
 */
const ChartsPanel = dynamic(
  () => import('@/components/charts/charts-panel').then((module) => module.ChartsPanel),
  {
    ssr: false,
    loading: () => <ChartsSkeleton />,
  },
);

function ChartsSkeleton() {
  return <div className="skeleton" style={{ minHeight: 320 }} aria-busy="true" />;
}

/** Mounts the ChartsPanel with the city in the shape it takes. */
export function ChartsSlot({
  view,
  city,
  data,
  ui,
  setUi,
}: {
  view: View;
  city: CitySummary;
  data: ChoroplethResponse | undefined;
  ui: UiState;
  setUi: (patch: Partial<UiState>) => void;
}) {
  const t = useTranslations('dashboard');
  const mapDrawn = useMapDrawn();
  return (
    <section
      className="panel charts-slot"
      aria-label={t('analysesRegion')}
      data-testid="charts-slot"
    >
      {mapDrawn ? (
        <ChartsPanel
          view={view}
          city={city}
          areas={data?.areas.map((a) => ({ key: a.area_key, label: a.area_name }))}
          ui={ui}
          setUi={setUi}
        />
      ) : (
        <ChartsSkeleton />
      )}
    </section>
  );
}
