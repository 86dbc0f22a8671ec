'use client';
/** Below the dashboard's map: the map as a PNG and its values as CSV. */
import type { FeatureCollection } from 'geojson';
import type { ChoroplethResponse, CitySummary } from '@/lib/api/types';
import type { View } from '@/lib/view';
import { downloadBlob } from '@/components/export/png';
import { choroplethCsv } from '@/components/export/tables';
import { useTranslations } from 'next-intl';
import { PngExportButton } from './png-export';

export interface MapActionsProps {
  boundary: FeatureCollection;
  data: ChoroplethResponse;
  view: View;
  city: CitySummary;
}

export default function MapActions({ boundary, data, view, city }: MapActionsProps) {
  const t = useTranslations('map');
  return (
    <div className="map-actions">
      <PngExportButton boundary={boundary} data={data} view={view} city={city} />
      <button
        type="button"
        data-testid="export-map-csv"
        onClick={() => {
          const { fileName, text } = choroplethCsv(data, city, {
            type: view.type?.join(','),
            category: view.category?.join(','),
            channel: view.channel?.join(','),
            division: view.division?.join(','),
            status: view.status,
          });
          downloadBlob(new Blob([text], { type: 'text/csv;charset=utf-8' }), fileName);
        }}
      >
        {t('downloadCsv')}
      </button>
    </div>
  );
}
