import type { Metric } from '@/lib/view';
import { UNUSUAL_MARKER_LABEL } from '@/lib/api/texts';
import { formatCount, formatValue, nounFor } from './format';
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
}: {
  hover: HoverState;
  metric: Metric;
  unit: string;
  kind: '311' | 'crime' | undefined;
}) {
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
        {formatValue(area.value, metric)} <small>{unit}</small>
      </span>
      {area.count !== null && metric !== 'count' ? (
        <small>
          from {formatCount(area.count)} {nounFor(kind)}
        </small>
      ) : null}
      {area.hotspot ? <small className="hotspot-note">Hotspot</small> : null}
      {area.unusual?.length ? (
        <small data-testid="map-tooltip-unusual">
          {UNUSUAL_MARKER_LABEL}: {area.unusual.join(', ')}
        </small>
      ) : null}
    </div>
  );
}
