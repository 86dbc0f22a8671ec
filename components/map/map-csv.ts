/**
 * The map's own values as CSV: one row per area with its value, the count it rests on, its
 * population and rank, exactly as the choropleth answer holds them (pure).
 */
import type { ChoroplethResponse, CitySummary } from '@/lib/api/types';
import { csvFileName, toCsv } from '@/components/export/csv';
import type { View } from '@/lib/view';
import { metricLabel } from './format';
import { rankAreas, type RankedArea } from './rank';

export function mapCsv(
  data: ChoroplethResponse,
  view: View,
  city: CitySummary,
  generatedAt = new Date().toISOString(),
): { fileName: string; text: string } {
  const level = city.levels.find((l) => l.id === data.level);
  const rows = rankAreas(data.areas).sort(
    (a, b) => (a.rank ?? Infinity) - (b.rank ?? Infinity) || a.area_name.localeCompare(b.area_name),
  );
  const text = toCsv<RankedArea>(
    {
      cityName: city.name,
      cityId: city.id,
      level: `${level?.label ?? data.level} (${data.level})`,
      filters: {
        from: data.from,
        to: data.to,
        type: view.type?.join(','),
        category: view.category?.join(','),
        channel: view.channel?.join(','),
        division: view.division?.join(','),
        status: view.status,
      },
      generatedAt,
      source: city.attribution,
      title: `${metricLabel(data.metric, data.kind)} by ${level?.label.toLowerCase() ?? data.level}`,
    },
    [
      { header: 'area_key', value: (r) => r.area_key },
      { header: 'area', value: (r) => r.area_name },
      { header: data.metric, value: (r) => r.value },
      { header: 'count', value: (r) => r.count },
      { header: 'population', value: (r) => r.population },
      { header: 'rank', value: (r) => r.rank },
      { header: 'too_few', value: (r) => r.tooFew },
    ],
    rows,
  );
  const fileName = csvFileName({
    city: city.id,
    level: data.level,
    metric: data.metric,
    from: data.from,
    to: data.to,
    widget: 'map-values',
    extra: {
      type: view.type?.join(','),
      category: view.category?.join(','),
      channel: view.channel?.join(','),
      division: view.division?.join(','),
      status: view.status,
    },
  });
  return { fileName, text };
}
