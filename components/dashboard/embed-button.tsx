'use client';

import { useState } from 'react';
import { useLocale, useTranslations } from 'next-intl';
import type { View } from '@/lib/view';
import { requestFilters, viewToSearch } from '@/lib/view';
import { LOCALE_NAMES, LOCALES, withLang, type Locale } from '@/lib/i18n/locales';
import { useLangParam } from '@/components/ui/language-switcher';
import type { UiState } from './ui-state';
import { viewUrl } from './use-view';

type EmbedKind = 'map' | 'heatmap';

/**
 * The iframe src for the current view: the map, or the seasonal heatmap with its toggles; with
 * `lang`, the embed speaks that language whatever the reader's browser prefers.
 */
export function embedSrc(
  origin: string,
  kind: EmbedKind,
  view: View,
  ui?: UiState,
  lang?: string,
): string {
  if (kind === 'map') {
    return `${origin}${withLang(viewUrl('/embed/map', { ...view, area: undefined }), lang)}`;
  }
  const params = new URLSearchParams(viewToSearch(requestFilters(view)));
  if (ui && ui.hm !== 'month') params.set('mode', ui.hm);
  if (ui && ui.top !== 10) params.set('topN', String(ui.top));
  return `${origin}${withLang(`/embed/heatmap?${params.toString()}`, lang)}`;
}

/** The snippet's language: the reader's browser ('auto'), or one fixed language. */
type SnippetLang = 'auto' | Locale;

/** Shows the iframe snippet for the current view (map or heatmap), ready to copy. */
export function EmbedButton({
  view,
  ui,
  title,
  heatmapTitle,
}: {
  view: View;
  ui?: UiState;
  title: string;
  heatmapTitle: string;
}) {
  const t = useTranslations('dashboard.embed');
  const locale = useLocale();
  const explicit = useLangParam();
  const [open, setOpen] = useState(false);
  const [copied, setCopied] = useState(false);
  const [kind, setKind] = useState<EmbedKind>('map');
  // A page opened with ?lang= embeds in that language; otherwise the reader's browser decides.
  const [lang, setLang] = useState<SnippetLang | undefined>(undefined);
  const snippetLang: SnippetLang = lang ?? (explicit ? locale : 'auto');
  const origin = typeof window === 'undefined' ? '' : window.location.origin;
  const src = embedSrc(origin, kind, view, ui, snippetLang === 'auto' ? undefined : snippetLang);
  const frameTitle = kind === 'map' ? title : heatmapTitle;
  const snippet = `<iframe src="${src.replace(/&/g, '&amp;')}" title="${frameTitle.replace(/"/g, '&quot;')}" width="100%" height="${kind === 'map' ? 520 : 480}" style="border:0" loading="lazy"></iframe>`;

  return (
    <div className="embed">
      <button
        type="button"
        aria-expanded={open}
        aria-controls="embed-panel"
        onClick={() => setOpen(!open)}
        data-testid="embed-button"
      >
        {t('button')}
      </button>
      {open ? (
        <div id="embed-panel" className="embed-panel" role="region" aria-label={t('region')}>
          <fieldset className="chart-toggle">
            <legend>{t('what')}</legend>
            {(['map', 'heatmap'] as const).map((value) => (
              <label key={value}>
                <input
                  type="radio"
                  name="embed-kind"
                  value={value}
                  checked={kind === value}
                  onChange={() => {
                    setKind(value);
                    setCopied(false);
                  }}
                  data-testid={`embed-kind-${value}`}
                />
                {t(`kind.${value}`)}
              </label>
            ))}
          </fieldset>
          <label htmlFor="embed-lang">{t('language')}</label>
          <select
            id="embed-lang"
            value={snippetLang}
            data-testid="embed-lang"
            onChange={(event) => {
              setLang(event.target.value as SnippetLang);
              setCopied(false);
            }}
          >
            <option value="auto">{t('languageAuto')}</option>
            {LOCALES.map((code) => (
              <option key={code} value={code} lang={code}>
                {LOCALE_NAMES[code]}
              </option>
            ))}
          </select>
          <label htmlFor="embed-snippet">{t('paste')}</label>
          <textarea
            id="embed-snippet"
            readOnly
            rows={4}
            value={snippet}
            data-testid="embed-snippet"
          />
          <button
            type="button"
            onClick={() => {
              void navigator.clipboard?.writeText(snippet).then(() => setCopied(true));
            }}
          >
            {copied ? t('copied') : t('copy')}
          </button>
          <p className="muted small">
            {t.rich(kind === 'map' ? 'messagesMap' : 'messagesHeatmap', {
              code: (chunks) => <code>{chunks}</code>,
            })}
          </p>
        </div>
      ) : null}
    </div>
  );
}
