/**
 * The printable area briefing: headline figures against the city and the previous period, the
 * area's map among its neighbours, top types and their change, unusual types, time to close and
 * on-time share, freshness and attribution, in the page's language (catalogue `report`, shared
 * words from `words`). A server component; print CSS in report.css. City data values (area,
 * type and level names, the attribution) are shown as published.
 */
import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import type { ProfileFigure } from '@/lib/api/types';
import type { ReportData } from '@/lib/queries/report';
import { getWords } from '@/lib/i18n/words-server';
import { nounOf } from '@/lib/i18n/words';
import { FreshnessLine } from '@/components/status/freshness-line';
import { ANOMALY_ALPHA, ANOMALY_MIN_EXPECTED, ANOMALY_MIN_RATIO } from '@/lib/anomaly';
import { AreaMap } from './area-map';
import { PrintButton } from './print-button';
import {
  changeText,
  relative,
  reportFormat,
  type ReportFormat,
  type ReportTranslator,
} from './report-figures';
import './report.css';

const HEADLINE_KEYS: ProfileFigure['key'][] = ['requests', 'per_1000', 'still_open'];
const SPEED_KEYS: ProfileFigure['key'][] = ['median_days', 'p90_days', 'on_time_pct'];

function FigureTable({
  data,
  keys,
  caption,
  testId,
  t,
  format,
  noun,
}: {
  data: ReportData;
  keys: ProfileFigure['key'][];
  caption: string;
  testId: string;
  t: ReportTranslator;
  format: ReportFormat;
  noun: string;
}) {
  const figures = data.profile.figures.filter((f) => keys.includes(f.key));
  const before = new Map(data.previous.profile.figures.map((f) => [f.key, f.area]));
  return (
    <table className="report-table" data-testid={testId}>
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{t('column.measure')}</th>
          <th scope="col">{t('column.area')}</th>
          <th scope="col">{t('column.city')}</th>
          <th scope="col">{t('column.previous')}</th>
          <th scope="col">{t('column.change')}</th>
        </tr>
      </thead>
      <tbody>
        {figures.map((figure) => {
          const then = before.get(figure.key) ?? null;
          return (
            <tr key={figure.key} data-figure={figure.key}>
              <th scope="row">{t(`figure.${figure.key}`, { noun })}</th>
              <td data-cell="area" data-value={figure.area ?? ''}>
                {format.figure(figure.key, figure.area)}
              </td>
              <td data-cell="city" data-value={figure.city ?? ''}>
                {format.figure(figure.key, figure.city)}
              </td>
              <td data-cell="previous" data-value={then ?? ''}>
                {format.figure(figure.key, then)}
              </td>
              <td data-cell="change">{changeText(figure.key, figure.area, then, format, t)}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

export async function ReportView({ data, href }: { data: ReportData; href: string }) {
  const [t, words] = await Promise.all([getTranslations('report'), getWords()]);
  const format = reportFormat(words.locale, (value) => words.t('daysShort', { value }));
  const { meta } = data.profile;
  const noun = nounOf(meta.kind);
  const filters = Object.entries(meta.filters);
  const requests = data.profile.figures.find((f) => f.key === 'requests');
  const table = { data, t, format, noun };
  return (
    <main className="report" data-testid="report" data-city={meta.city} data-area={meta.area.key}>
      <div className="report-actions no-print">
        <Link href={href}>{t('back')}</Link>
        <PrintButton />
      </div>
      <header className="report-header">
        <p className="report-kicker">{t('kicker')}</p>
        <h1>
          {meta.area.name}{' '}
          <span className="report-where">
            {t('where', { level: meta.levelLabel, city: meta.cityName })}
          </span>
        </h1>
        <p className="report-range" data-testid="report-range">
          {t('range', {
            noun,
            from: meta.from,
            to: meta.to,
            months: meta.months,
            prevFrom: data.previous.from,
            prevTo: data.previous.to,
            filters: filters.length
              ? t('filters', { list: filters.map(([key, value]) => `${key} ${value}`).join(', ') })
              : '',
          })}
        </p>
      </header>

      <section className="report-top">
        <AreaMap
          boundary={data.boundary}
          areaKey={meta.area.key}
          areaName={meta.area.name}
          levelLabel={meta.levelLabel}
        />
        <div className="report-headline">
          <p className="report-lead" data-testid="report-lead">
            {t('lead', {
              count: format.count(requests?.area ?? 0),
              noun,
              area: meta.area.name,
              share: format.pct(
                requests?.area && requests.city ? requests.area / requests.city : null,
              ),
              total: format.count(requests?.city ?? 0),
            })}
          </p>
          <FigureTable
            {...table}
            keys={HEADLINE_KEYS}
            caption={t('headlineCaption')}
            testId="report-headline"
          />
        </div>
      </section>

      <section className="report-section">
        <h2>{t('topHeading', { noun })}</h2>
        {data.types.length === 0 ? (
          <p>{t('noTypes', { noun })}</p>
        ) : (
          <div className="report-scroll">
            <table className="report-table" data-testid="report-types">
              <thead>
                <tr>
                  <th scope="col">{t('typeColumn.rank')}</th>
                  <th scope="col">{t('typeColumn.type', { noun })}</th>
                  <th scope="col">{t('typeColumn.count')}</th>
                  <th scope="col">{t('typeColumn.share')}</th>
                  <th scope="col">{t('typeColumn.cityShare')}</th>
                  <th scope="col">{t('typeColumn.previous')}</th>
                  <th scope="col">{t('typeColumn.change')}</th>
                </tr>
              </thead>
              <tbody>
                {data.types.map((row) => (
                  <tr key={row.type} data-type={row.type}>
                    <td>{row.rank}</td>
                    <th scope="row">{row.type}</th>
                    <td data-cell="count" data-value={row.count}>
                      {format.count(row.count)}
                    </td>
                    <td>{format.pct(row.share)}</td>
                    <td>{format.pct(row.cityShare)}</td>
                    <td data-cell="previous" data-value={row.previous}>
                      {format.count(row.previous)}
                    </td>
                    <td>{row.previous > 0 ? relative(row.change, format) : t('new')}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <div className="report-columns">
        <section className="report-section" data-testid="report-unusual">
          <h2>
            {data.unusual.month
              ? t('unusualIn', { month: data.unusual.month.slice(0, 7) })
              : t('unusual')}
          </h2>
          {data.unusual.month === null ? (
            <p>{t('untested', { min: ANOMALY_MIN_EXPECTED, noun })}</p>
          ) : data.unusual.flags.length === 0 ? (
            <p>{t('noFlags', { noun })}</p>
          ) : (
            <ul className="report-flags">
              {data.unusual.flags.map((flag) => (
                <li key={`${flag.dimension}-${flag.value}`} data-flag={flag.value}>
                  <strong>{flag.value}</strong>{' '}
                  {t('flag', {
                    dimension: flag.dimension,
                    observed: format.count(flag.observed),
                    expected: format.fixed(flag.expected, 1),
                    ratio: format.fixed(flag.ratio, 1),
                  })}
                </li>
              ))}
            </ul>
          )}
          <p className="report-small">
            {t('unusualTest', {
              alpha: format.fixed(ANOMALY_ALPHA, 2),
              min: ANOMALY_MIN_EXPECTED,
              ratio: format.fixed(ANOMALY_MIN_RATIO, 1),
            })}
          </p>
        </section>

        <section className="report-section" data-testid="report-speed">
          <h2>{t('speedHeading')}</h2>
          {meta.hasResolution ? (
            <FigureTable
              {...table}
              keys={SPEED_KEYS}
              caption={t('speedCaption')}
              testId="report-speed-table"
            />
          ) : (
            <p>{words.t('noClosingDates')}</p>
          )}
          {meta.hasResolution && !meta.hasSla ? (
            <p className="report-small">{words.t('noSla')}</p>
          ) : null}
          {meta.hasSla ? (
            <p className="report-small">
              {t('onTime', { definition: words.metricDefinition('on_time_pct', meta.kind) })}
            </p>
          ) : null}
        </section>
      </div>

      <footer className="report-footer">
        <FreshnessLine city={meta.city} />
        <p className="report-small" data-testid="report-attribution">
          {meta.attribution}
        </p>
        <p className="report-small">
          {t('generated', { time: meta.generatedAt.slice(0, 16).replace('T', ' ') })}
        </p>
      </footer>
    </main>
  );
}
