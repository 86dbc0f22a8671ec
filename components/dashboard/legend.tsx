import type { ChoroplethResponse } from '@/lib/api/types';
import {
  COMPARE_LEGEND_TITLE,
  COMPARE_PARTIAL_TEXT,
  compareLegendText,
  compareTooFewText,
  HOTSPOT_TEST_DESCRIPTION,
  UNUSUAL_MARKER_LABEL,
} from '@/lib/api/texts';
import {
  classColors,
  HOTSPOT_COLOR,
  NO_DATA_COLOR,
  sequentialPalette,
  toCss,
  UNUSUAL_COLOR,
} from '@/lib/palette';
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
        <strong>{metricLabel(data.metric, data.kind, data.duplicates?.mode)}</strong>
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
        <UnusualEntry data={data} />
      </ul>
      <p className="muted small" data-testid="unlocated-note">
        {formatCount(data.unlocated)} of {formatCount(data.total)} {nounFor(data.kind)} left out: no
        usable location.
      </p>
    </figure>
  );
}

/** The badge of areas flagged "unusual this month", when any is drawn. */
function UnusualEntry({ data }: { data: ChoroplethResponse }) {
  if (!data.unusual?.areas) return null;
  return (
    <li data-testid="legend-unusual">
      <span
        className="swatch unusual"
        style={{ background: toCss(UNUSUAL_COLOR) }}
        aria-hidden="true"
      />
      <span>
        {UNUSUAL_MARKER_LABEL} ({data.unusual.month.slice(0, 7)})
      </span>
      <span className="muted count">
        {data.unusual.areas} {data.unusual.areas === 1 ? 'area' : 'areas'}
      </span>
    </li>
  );
}

const areas = (n: number) => `${n} ${n === 1 ? 'area' : 'areas'}`;

/**
 * The legend of a compared view: the diverging change classes (symmetric around zero), too-few
 * and no-data areas, what the colours mean, and the one legend the two period maps share.
 */
export function CompareLegend({ data }: { data: ChoroplethResponse }) {
  const compare = data.compare;
  if (!compare) return <Legend data={data} />;
  const colors = classColors(compare.breaks, true);
  const labels = classLabels({ breaks: compare.breaks, metric: 'change_pct' });
  const noData = compare.noData - compare.tooFew;
  const periodColors = sequentialPalette(Math.max(0, compare.periodBreaks.length - 1));
  const periodLabels = classLabels({ breaks: compare.periodBreaks, metric: data.metric });
  return (
    <div className="compare-legends">
      <figure
        className="legend"
        data-testid="legend"
        data-diverging="true"
        data-breaks={compare.breaks.join(',')}
      >
        <figcaption>
          <strong>
            {COMPARE_LEGEND_TITLE}: {metricLabel(data.metric, data.kind, data.duplicates?.mode)}
          </strong>
          <span className="muted">
            {' '}
            {data.from} to {data.to} vs {compare.label} ({compare.from} to {compare.to})
          </span>
        </figcaption>
        <ul>
          {colors.map((color, i) => (
            <li key={i} data-testid="legend-class">
              <span className="swatch" style={{ background: toCss(color) }} aria-hidden="true" />
              <span>{labels[i]}</span>
              <span className="muted count">{areas(compare.classCounts[i] ?? 0)}</span>
            </li>
          ))}
          {noData > 0 ? (
            <li data-testid="legend-no-data">
              <span
                className="swatch no-data"
                style={{ background: toCss(NO_DATA_COLOR) }}
                aria-hidden="true"
              />
              <span>No data</span>
              <span className="muted count">{areas(noData)}</span>
            </li>
          ) : null}
          {compare.tooFew > 0 ? (
            <li data-testid="legend-too-few">
              <span className="swatch too-few" aria-hidden="true" />
              <span>{compareTooFewText(data.kind)}</span>
              <span className="muted count">{areas(compare.tooFew)}</span>
            </li>
          ) : null}
          <UnusualEntry data={data} />
        </ul>
        <p className="muted small" data-testid="compare-meaning">
          {compareLegendText(data.kind, compare.label)}
          {compare.partial ? ` ${COMPARE_PARTIAL_TEXT}` : ''}
        </p>
      </figure>
      <figure
        className="legend period-legend"
        data-testid="period-legend"
        data-breaks={compare.periodBreaks.join(',')}
      >
        <figcaption>
          <strong>
            Both periods: {metricLabel(data.metric, data.kind, data.duplicates?.mode)}
          </strong>
          <span className="muted"> (the small maps share these classes)</span>
        </figcaption>
        <ul>
          {periodColors.map((color, i) => (
            <li key={i}>
              <span className="swatch" style={{ background: toCss(color) }} aria-hidden="true" />
              <span>{periodLabels[i]}</span>
            </li>
          ))}
        </ul>
      </figure>
    </div>
  );
}
