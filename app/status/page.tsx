/** /status: the freshness facts of every city, the same as GET /api/status, in the page's language. */
import { getLocale, getTranslations } from 'next-intl/server';
import { isWarehouseError } from '@/lib/api/route';
import { getServerStatus } from '@/lib/server/status';
import { CADENCE_MAX_AGE_HOURS } from '@/lib/freshness';
import { makeFormat } from '@/lib/i18n/format';
import { LANG_PARAM, withLang } from '@/lib/i18n/locales';
import { freshnessMessage } from '@/components/status/freshness-words';
import '@/components/status/status.css';

export const dynamic = 'force-dynamic';

export async function generateMetadata() {
  const t = await getTranslations('status');
  return { title: t('title') };
}

const day = (value: string | null | undefined) => value?.slice(0, 10) ?? '—';
const time = (value: string | null | undefined) =>
  value ? `${value.slice(0, 16).replace('T', ' ')} UTC` : '—';

export default async function StatusPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const lang = (await searchParams)[LANG_PARAM];
  const [t, tf, locale] = await Promise.all([
    getTranslations('status'),
    getTranslations('freshness'),
    getLocale(),
  ]);
  const format = makeFormat(locale);
  let status;
  try {
    status = await getServerStatus();
  } catch (error) {
    if (!isWarehouseError(error)) throw error;
    return <p role="alert">{error.message}</p>;
  }
  return (
    <main className="status-page">
      <h1>{t('heading')}</h1>
      <p className="muted">
        {t('intro', {
          daily: CADENCE_MAX_AGE_HOURS.daily,
          weekly: CADENCE_MAX_AGE_HOURS.weekly / 24,
          monthly: CADENCE_MAX_AGE_HOURS.monthly / 24,
        })}{' '}
        <a href={withLang('/', typeof lang === 'string' ? lang : undefined)}>{t('back')}</a>
      </p>
      <div className="status-scroll">
        <table className="status-table">
          <thead>
            <tr>
              <th scope="col">{t('column.city')}</th>
              <th scope="col">{t('column.status')}</th>
              <th scope="col">{t('column.cadence')}</th>
              <th scope="col">{t('column.dataTo')}</th>
              <th scope="col">{t('column.watermark')}</th>
              <th scope="col">{t('column.lastRun')}</th>
              <th scope="col">{t('column.lastSuccess')}</th>
              <th scope="col" className="num">
                {t('column.rowsLoaded')}
              </th>
              <th scope="col" className="num">
                {t('column.quarantined')}
              </th>
              <th scope="col" className="num">
                {t('column.unmapped')}
              </th>
              <th scope="col">{t('column.months')}</th>
            </tr>
          </thead>
          <tbody>
            {status.cities.map((c) => (
              <tr key={c.city} data-testid={`status-${c.city}`} data-stale={c.stale}>
                <th scope="row">{c.name}</th>
                <td>
                  {c.stale ? <strong className="stale-text">{t('stale')}</strong> : t('current')}
                  {c.freshness.mode === 'sample' ? t('sample') : ''}
                  <br />
                  <span className="muted small">
                    {freshnessMessage(c.freshness, c.cadence, tf)}
                  </span>
                </td>
                <td>{tf(`cadence.${c.cadence}`)}</td>
                <td>{day(c.dataTo)}</td>
                <td>
                  {c.watermark && /^\d{4}-/.test(c.watermark)
                    ? c.watermark
                    : c.watermark
                      ? t('file', { id: c.watermark.slice(0, 12) })
                      : '—'}
                </td>
                <td>
                  {c.lastRun
                    ? t('run', { status: c.lastRun.status, time: time(c.lastRun.finished) })
                    : '—'}
                  {c.lastRun?.step ? t('step', { step: c.lastRun.step }) : ''}
                </td>
                <td>{time(c.lastSuccess?.finished)}</td>
                <td className="num">{format.count(c.rowsLoaded)}</td>
                <td className="num">{format.count(c.rowsQuarantined)}</td>
                <td className="num">{format.count(c.rowsUnmapped)}</td>
                <td>
                  {t('months', {
                    count: format.count(c.monthsCovered),
                    first: c.firstMonth?.slice(0, 7) ?? '—',
                    last: c.lastMonth?.slice(0, 7) ?? '—',
                  })}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="muted small">{t('generated', { time: time(status.generatedAt) })}</p>
    </main>
  );
}
