import type { ChoroplethResponse } from '@/lib/api/types';
import { HOTSPOT_TEST_DESCRIPTION } from '@/lib/api/texts';
import { HOTSPOT_COLOR, NO_DATA_COLOR, toCss } from '@/lib/palette';
import { formatCount, formatValue, metricLabel, nounFor } from '@/components/map/format';
import { paletteFor } from '@/components/map/transforms';

function rangeLabel(data: ChoroplethResponse, i: number): string {
  const lo = data.breaks[i]!;
  const hi = data.breaks[i + 1]!;
  const last = i === data.breaks.length - 2;
  if (lo === hi) return formatValue(lo, data.metric);
  return `${formatValue(lo, data.metric)} – ${last ? '' : 'under '}${formatValue(hi, data.metric)}`;
}

export function Legend({ data }: { data: ChoroplethResponse }) {
  const colors = paletteFor(data);
  return (
    <figure className="legend" data-testid="legend" data-breaks={data.breaks.join(',')}>
      <figcaption>
        <strong>{metricLabel(data.metric, data.kind)}</strong>
        <span className="muted">
          {' '}
          {data.from} to {data.to}
        </span>
      </figcaption>
      <ul>
        {colors.map((color, i) => (
          <li key={i} data-testid="legend-class">
            <span className="swatch" style={{ background: toCss(color) }} aria-hidden="true" />
            <span>{rangeLabel(data, i)}</span>
            <span className="muted count">
              {data.classCounts[i] ?? 0} {data.classCounts[i] === 1 ? 'area' : 'areas'}
            </span>
          </li>
        ))}
        {data.noData > 0 || colors.length === 0 ? (
          <li data-testid="legend-no-data">
            <span
              className="swatch no-data"
              style={{ background: toCss(NO_DATA_COLOR) }}
              aria-hidden="true"
            />
            <span>No data</span>
            <span className="muted count">
              {data.noData} {data.noData === 1 ? 'area' : 'areas'}
            </span>
          </li>
        ) : null}
        {data.hotspots ? (
          <li data-testid="legend-hotspot" title={HOTSPOT_TEST_DESCRIPTION}>
            <span
              className="swatch hotspot"
              style={{ borderColor: toCss(HOTSPOT_COLOR) }}
              aria-hidden="true"
            />
            <span>
              Hotspot{' '}
              <details className="inline-details">
                <summary aria-label="How hotspots are tested">?</summary>
                <span>{data.hotspots.test}</span>
              </details>
            </span>
            <span className="muted count">
              {data.hotspots.found} of {data.hotspots.tested}
            </span>
          </li>
        ) : null}
      </ul>
      <p className="muted small" data-testid="unlocated-note">
        {formatCount(data.unlocated)} of {formatCount(data.total)} {nounFor(data.kind)} left out: no
        usable location.
      </p>
    </figure>
  );
}
