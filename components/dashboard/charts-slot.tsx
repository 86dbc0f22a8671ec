'use client';

import { ChartsPanel } from '@/components/charts/charts-panel';
import type { ChoroplethResponse, CitySummary } from '@/lib/api/types';
import type { View } from '@/lib/filters';

/** Mounts the charts engineer's ChartsPanel with the city in the shape it takes. */
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
        city={{
          id: city.id,
          name: city.name,
          kind: city.kind,
          metrics: { resolution: city.hasResolution, sla: city.hasSla },
          levels: city.levels.map((l) => ({ id: l.id, label: l.label })),
        }}
        areas={data?.areas.map((a) => ({ key: a.area_key, label: a.area_name }))}
      />
    </section>
  );
}
