/**
 * The freshness words in the page's language, from the facts of lib/freshness.ts's verdict (the
 * API's `message` stays English for machines and the CLI). Pure: the caller passes the
 * `freshness` translator (useTranslations on the client, getTranslations on the server,
 * createTranslator in tests). Dates stay ISO (YYYY-MM-DD), which reads the same in every language.
 */
import type { useTranslations } from 'next-intl';
import { allowance, type Cadence, type FreshnessVerdict } from '@/lib/freshness';
import type { CityStatus } from '@/lib/status';

export type FreshnessTranslator = ReturnType<typeof useTranslations<'freshness'>>;

const day = (iso: string | null | undefined) => iso?.slice(0, 10) ?? '';

/** The verdict's sentence: what lib/freshness.ts says in `message`, in the page's language. */
export function freshnessMessage(
  verdict: FreshnessVerdict,
  cadence: Cadence,
  t: FreshnessTranslator,
): string {
  const date = day(verdict.measuredFrom);
  const cadenceWord = t(`cadence.${cadence}`);
  const within = t('within', allowance(verdict.maxAgeHours));
  if (verdict.reason === 'never-published') return t('message.neverPublished');
  if (verdict.mode === 'sample') return t('message.sample');
  if (verdict.stale) {
    return verdict.reason === 'zero-rows'
      ? t('message.staleZero', { date, cadence: cadenceWord, within })
      : t('message.staleLate', { date, cadence: cadenceWord, within });
  }
  return verdict.zeroRowWarning
    ? t('message.warningZero', { date })
    : t('message.fresh', { date, cadence: cadenceWord });
}

/** "Data to <date>, updated <date>" for one city, in the page's language. */
export function freshnessWords(status: CityStatus, t: FreshnessTranslator): string {
  if (!status.loaded) return t('line.noData');
  return t('line.dataTo', {
    dataTo: status.dataTo?.slice(0, 10) ?? t('line.unknown'),
    updated: status.lastSuccess?.finished.slice(0, 10) ?? t('line.unknown'),
    sample: status.freshness.mode === 'sample' ? 'yes' : 'no',
  });
}
