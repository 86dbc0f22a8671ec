'use client';
/**
 * "Data to <date>, updated <date>" for one city, and a visible banner when it is stale
 * (lib/freshness.ts decides; the words are in freshness-words.ts). Shown on the dashboard, on
 * every embed and on the briefing. The status link keeps an explicit `lang`.
 */
import { useQuery } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { statusQuery } from '@/lib/api/query-options';
import { withLang } from '@/lib/i18n/locales';
import { useLangParam } from '@/components/ui/language-switcher';
import { freshnessMessage, freshnessWords } from './freshness-words';
import './status.css';

export function FreshnessLine({ city }: { city: string }) {
  const t = useTranslations('freshness');
  const lang = useLangParam();
  const { data } = useQuery(statusQuery(city));
  const status = data?.cities.find((c) => c.city === city);
  if (!status) return null;
  const message = freshnessMessage(status.freshness, status.cadence, t);
  return (
    <div className="freshness" data-testid="freshness">
      <p className="muted small" data-testid="freshness-line">
        {freshnessWords(status, t)} <a href={withLang('/status', lang)}>{t('line.statusLink')}</a>
      </p>
      {status.stale ? (
        <p className="stale-banner" role="alert" data-testid="stale-banner">
          {message}
        </p>
      ) : status.freshness.zeroRowWarning ? (
        <p className="stale-warning small" data-testid="zero-row-warning">
          {message}
        </p>
      ) : null}
    </div>
  );
}
