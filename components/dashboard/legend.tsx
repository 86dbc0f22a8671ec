import { useTranslations } from 'next-intl';
import type { ChoroplethResponse } from '@/lib/api/types';
import { MIN_HOTSPOT_EXPECTED, MIN_SAMPLE } from '@/lib/api/texts';
import { nounOf, useWords } from '@/lib/i18n/words';
import {
  classColors,
  HOTSPOT_COLOR,
  NO_DATA_COLOR,
  sequentialPalette,
  toCss,
  UNUSUAL_COLOR,
} from '@/lib/palette';
import { classLabels, tooFewCount, useClassWords } from '@/components/map/legend-labels';
import { paletteFor } from '@/components/map/transforms';

export function Legend({ data }: { data: ChoroplethResponse }) {
  const t = useTranslations('dashboard.legend');
  const words = useWords();
  const classWords = useClassWords();
  const colors = paletteFor(data);
  const labels = classLabels(data, classWords);
  const tooFew = tooFewCount(data);
  const mode = data.duplicates?.mode;
  const noun = nounOf(data.kind);
  return (
    <figure className="legend" data-testid="legend" data-breaks={data.breaks.join(',')}>
      <figcaption>
        <strong>{words.metricLabel(data.metric, data.kind, mode)}</strong>
        <span className="muted"> {t('range', { from: data.from, to: data.to })}</span>
      </figcaption>
      <ul>
        {colors.map((color, i) => (
          <li key={i} data-testid="legend-class">
            <span className="swatch" style={{ background: toCss(color) }} aria-hidden="true" />
            <span>{labels[i]}</span>
            <span className="muted count">{t('areas', { count: data.classCounts[i] ?? 0 })}</span>
          </li>
        ))}
        {data.noData - tooFew > 0 || colors.length === 0 ? (
          <li data-testid="legend-no-data">
            <span
              className="swatch no-data"
              style={{ background: toCss(NO_DATA_COLOR) }}
              aria-hidden="true"
            />
            <span>{words.format.value(null, data.metric)}</span>
            <span className="muted count">{t('areas', { count: data.noData - tooFew })}</span>
          </li>
        ) : null}
        {tooFew > 0 ? (
          <li data-testid="legend-too-few">
            <span className="swatch too-few" aria-hidden="true" />
            <span>{t('tooFew', { noun, min: data.minSample })}</span>
            <span className="muted count">{t('areas', { count: tooFew })}</span>
          </li>
        ) : null}
        {data.hotspots ? (
          <li
            data-testid="legend-hotspot"
            title={words.t('hotspotTest', { min: MIN_HOTSPOT_EXPECTED })}
          >
            <span
              className="swatch hotspot"
              style={{ borderColor: toCss(HOTSPOT_COLOR) }}
              aria-hidden="true"
            />
            <span>
              {t('hotspot')}{' '}
              <details className="inline-details">
                <summary aria-label={t('hotspotWhat')}>?</summary>
                <span>
                  {t('hotspotHelp', { noun })}
                  <br />
                  <span className="muted small">
                    {t('hotspotTestLine', { test: data.hotspots.test })}
                  </span>
                </span>
              </details>
            </span>
            <span className="muted count">
              {t('hotspotCount', { found: data.hotspots.found, tested: data.hotspots.tested })}
            </span>
          </li>
        ) : null}
        <UnusualEntry data={data} />
      </ul>
      <p className="muted small" data-testid="unlocated-note">
        {t('unlocated', {
          unlocated: data.unlocated,
          total: data.total,
          noun: nounOf(data.kind, mode),
        })}
      </p>
    </figure>
  );
}

/** The badge of areas flagged "unusual this month", when any is drawn. */
function UnusualEntry({ data }: { data: ChoroplethResponse }) {
  const t = useTranslations('dashboard.legend');
  const words = useWords();
  if (!data.unusual?.areas) return null;
  return (
    <li data-testid="legend-unusual">
      <span
        className="swatch unusual"
        style={{ background: toCss(UNUSUAL_COLOR) }}
        aria-hidden="true"
      />
      <span>
        {t('unusual', { label: words.t('unusualMarker'), month: data.unusual.month.slice(0, 7) })}
      </span>
      <span className="muted count">{t('areas', { count: data.unusual.areas })}</span>
    </li>
  );
}

/**
 * The legend of a compared view: the diverging change classes (symmetric around zero), too-few
 * and no-data areas, what the colours mean, and the one legend the two period maps share.
 */
export function CompareLegend({ data }: { data: ChoroplethResponse }) {
  const t = useTranslations('dashboard.legend');
  const words = useWords();
  const classWords = useClassWords();
  const compare = data.compare;
  if (!compare) return <Legend data={data} />;
  const colors = classColors(compare.breaks, true);
  const labels = classLabels({ breaks: compare.breaks, metric: 'change_pct' }, classWords);
  const noData = compare.noData - compare.tooFew;
  const periodColors = sequentialPalette(Math.max(0, compare.periodBreaks.length - 1));
  const periodLabels = classLabels(
    { breaks: compare.periodBreaks, metric: data.metric },
    classWords,
  );
  const measure = words.metricLabel(data.metric, data.kind, data.duplicates?.mode);
  const label = words.compareLabel(compare.compare, compare.months);
  const noun = nounOf(data.kind);
  return (
    <div className="compare-legends">
      <figure
        className="legend"
        data-testid="legend"
        data-diverging="true"
        data-breaks={compare.breaks.join(',')}
      >
        <figcaption>
          <strong>{t('compareTitle', { title: words.t('compareLegendTitle'), measure })}</strong>
          <span className="muted">
            {' '}
            {t('compareRange', {
              from: data.from,
              to: data.to,
              label,
              baseFrom: compare.from,
              baseTo: compare.to,
            })}
          </span>
        </figcaption>
        <ul>
          {colors.map((color, i) => (
            <li key={i} data-testid="legend-class">
              <span className="swatch" style={{ background: toCss(color) }} aria-hidden="true" />
              <span>{labels[i]}</span>
              <span className="muted count">
                {t('areas', { count: compare.classCounts[i] ?? 0 })}
              </span>
            </li>
          ))}
          {noData > 0 ? (
            <li data-testid="legend-no-data">
              <span
                className="swatch no-data"
                style={{ background: toCss(NO_DATA_COLOR) }}
                aria-hidden="true"
              />
              <span>{words.format.value(null, data.metric)}</span>
              <span className="muted count">{t('areas', { count: noData })}</span>
            </li>
          ) : null}
          {compare.tooFew > 0 ? (
            <li data-testid="legend-too-few">
              <span className="swatch too-few" aria-hidden="true" />
              <span>{words.t('compareTooFew', { min: MIN_SAMPLE, noun })}</span>
              <span className="muted count">{t('areas', { count: compare.tooFew })}</span>
            </li>
          ) : null}
          <UnusualEntry data={data} />
        </ul>
        <p className="muted small" data-testid="compare-meaning">
          {words.t('compareLegend', { noun, label })}
          {compare.partial ? ` ${words.t('comparePartial')}` : ''}
        </p>
      </figure>
      <figure
        className="legend period-legend"
        data-testid="period-legend"
        data-breaks={compare.periodBreaks.join(',')}
      >
        <figcaption>
          <strong>{t('bothPeriods', { measure })}</strong>
          <span className="muted"> {t('sharedClasses')}</span>
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
