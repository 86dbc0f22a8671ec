'use client';
/**
 * "Unusual this month": the top flags of GET /api/anomalies for the city and level in view, in
 * plain words. Each links to that area filtered to that type (or category), by URL parameters.
 */
import { useQuery } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { ANOMALY_ALPHA, ANOMALY_MIN_EXPECTED, ANOMALY_MIN_RATIO } from '@/lib/anomaly';
import type { CitySummary } from '@/lib/api/types';
import { anomaliesQuery } from '@/lib/api/query-options';
import { withLang } from '@/lib/i18n/locales';
import { useWords } from '@/lib/i18n/words';
import { viewToSearch, type View } from '@/lib/view';
import type { AnomalyFlag } from '@/lib/queries/anomalies';
import { useLangParam } from '@/components/ui/language-switcher';
import { anomalySentence, formatP } from './anomaly-words';

const CITY_LEVEL = '_city';

/**
 * The dashboard link for one flag: that area, filtered to that type or category, in the
 * page's explicit language when it has one.
 */
export function flagHref(view: View, flag: AnomalyFlag, cityWide = false, lang?: string): string {
  const { type: _type, category: _category, area: _area, ...rest } = view;
  const area = cityWide ? undefined : flag.areaKey;
  return withLang(`/?${viewToSearch({ ...rest, area, [flag.dimension]: [flag.value] })}`, lang);
}

/** The flags of the level in view, then the city-wide ones (level _city). */
function useFlags(view: View) {
  const level = useQuery(anomaliesQuery(view.city, view.level));
  const city = useQuery(anomaliesQuery(view.city, CITY_LEVEL));
  return { level, city };
}

export function UnusualPanel({ view, city }: { view: View; city: CitySummary }) {
  const t = useTranslations('anomalies');
  const words = useWords();
  const lang = useLangParam();
  const { level, city: whole } = useFlags(view);
  const error = level.error ?? whole.error;
  const items =
    level.data && whole.data
      ? [
          ...level.data.flags.map((flag) => ({ flag, cityWide: false })),
          ...whole.data.flags.map((flag) => ({ flag, cityWide: true })),
        ]
      : null;
  const month = level.data?.month ?? whole.data?.month ?? null;
  return (
    <section className="panel unusual-panel" aria-label={t('title')} data-testid="unusual">
      <h2>{month ? t('heading', { month: month.slice(0, 7) }) : t('title')}</h2>
      {error ? (
        <p role="alert">{error.message}</p>
      ) : !items ? (
        <div className="skeleton" aria-busy="true" aria-label={t('loading')} />
      ) : items.length === 0 ? (
        <p className="muted small" data-testid="unusual-none">
          {month
            ? t('none', {
                month: month.slice(0, 7),
                tests: (level.data?.tests ?? 0) + (whole.data?.tests ?? 0),
              })
            : t('noHistory')}
        </p>
      ) : (
        <ul className="unusual-list">
          {items.map(({ flag, cityWide }) => (
            <li key={`${cityWide}|${flag.areaKey}|${flag.dimension}|${flag.value}`}>
              <a href={flagHref(view, flag, cityWide, lang)} data-testid="unusual-flag">
                {anomalySentence(
                  {
                    ...flag,
                    value: flag.dimension === 'category' ? words.category(flag.value) : flag.value,
                    month: flag.periodStart,
                    kind: city.kind,
                  },
                  words,
                  t,
                )}
              </a>{' '}
              <span className="muted small">
                {t('p', { p: formatP(flag.pValue, words.locale) })}
              </span>
            </li>
          ))}
        </ul>
      )}
      {level.data ? (
        <p className="muted small">
          {t('test', {
            alpha: words.format.number(ANOMALY_ALPHA, 2),
            minExpected: ANOMALY_MIN_EXPECTED,
            minRatio: words.format.number(ANOMALY_MIN_RATIO, 1),
          })}
        </p>
      ) : null}
    </section>
  );
}
