import type { ChoroplethResponse } from '@/lib/api/types';
import { HOTSPOT_TEST_DESCRIPTION } from '@/lib/api/texts';
import { HOTSPOT_COLOR, NO_DATA_COLOR, toCss } from '@/lib/palette';
import { formatCount, metricLabel, nounFor } from '@/components/map/format';
import { classLabels, tooFewCount } from '@/components/map/legend-labels';
import { paletteFor } from '@/components/map/transforms';

export function hotspotHelp(kind: ChoroplethResponse['kind']): string {
  const noun = nounFor(kind);
  return `A hotspot is an area with clearly more ${noun} than its share of the city's residents would lead you to expect — more than chance explains. Areas too small to judge are not tested.`;
}

export function Legend({ data }: { data: ChoroplethResponse }) {
  const colors = paletteFor(data);
  const labels = classLabels(data);
  const tooFew = tooFewCount(data);
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
            <span>{labels[i]}</span>
            <span className="muted count">
              {data.classCounts[i] ?? 0} {data.classCounts[i] === 1 ? 'area' : 'areas'}
            </span>
          </li>
        ))}
        {data.noData - tooFew > 0 || colors.length === 0 ? (
          <li data-testid="legend-no-data">
            <span
              className="swatch no-data"
              style={{ background: toCss(NO_DATA_COLOR) }}
              aria-hidden="true"
            />
            <span>No data</span>
            <span className="muted count">
              {data.noData - tooFew} {data.noData - tooFew === 1 ? 'area' : 'areas'}
            </span>
          </li>
        ) : null}
        {tooFew > 0 ? (
          <li data-testid="legend-too-few">
            <span className="swatch too-few" aria-hidden="true" />
            <span>
              Too few {nounFor(data.kind)} (under {data.minSample}; hatched, not ranked)
            </span>
            <span className="muted count">
              {tooFew} {tooFew === 1 ? 'area' : 'areas'}
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
                <summary aria-label="What is a hotspot?">?</summary>
                <span>
                  {hotspotHelp(data.kind)}
                  <br />
                  <span className="muted small">Test: {data.hotspots.test}</span>
                </span>
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
