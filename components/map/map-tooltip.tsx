import { useTranslations } from 'next-intl';
import type { Metric } from '@/lib/view';
import { useWords } from '@/lib/i18n/words';
import type { AreaProperties } from './transforms';

export interface HoverState {
  x: number;
  y: number;
  area: AreaProperties;
}

export function MapTooltip({
  hover,
  metric,
  unit,
  kind,
  duplicates,
}: {
  hover: HoverState;
  metric: Metric;
  /** The unit under the value: our words (Words.metricUnit), not the API's English. */
  unit: string;
  kind: '311' | 'crime' | undefined;
  duplicates?: 'kept' | 'merged';
}) {
  const t = useTranslations('map');
  const words = useWords();
  const { area } = hover;
  return (
    <div
      className="map-tooltip"
      data-testid="map-tooltip"
      role="status"
      style={{ left: hover.x + 12, top: hover.y + 12 }}
    >
      <strong data-testid="map-tooltip-name">{area.area_name}</strong>
      <span data-testid="map-tooltip-value">
        {words.format.value(area.value, metric)} <small>{unit}</small>
      </span>
      {area.count !== null && metric !== 'count' ? (
        <small>{t('fromCount', { count: words.countOf(area.count, kind, duplicates) })}</small>
      ) : null}
      {area.hotspot ? <small className="hotspot-note">{t('hotspot')}</small> : null}
      {area.unusual?.length ? (
        <small data-testid="map-tooltip-unusual">
          {t('unusual', { label: words.t('unusualMarker'), values: area.unusual.join(', ') })}
        </small>
      ) : null}
    </div>
  );
}
