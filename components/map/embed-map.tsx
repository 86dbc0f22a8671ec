'use client';

import { useCallback, useEffect, useRef, useState, type ReactNode } from 'react';
import type { CitySummary } from '@/lib/api/types';
import { viewToSearch, type View } from '@/lib/view';
import { useQuery } from '@tanstack/react-query';
import { choroplethQuery } from '@/lib/api/query-options';
import { Legend } from '@/components/dashboard/legend';
import { FreshnessLine } from '@/components/status/freshness-line';
import { filterWords, useViewWords } from '@/components/dashboard/view-words';
import { useTranslations } from 'next-intl';
import { withLang } from '@/lib/i18n/locales';
import { useWords } from '@/lib/i18n/words';
import { useLangParam } from '@/components/ui/language-switcher';
import { EmbedTitle } from '@/components/ui/embed-title';
import { PlainMap } from './map-frame';
import type { AreaProperties } from './transforms';

export const EMBED_HEIGHT_MESSAGE = 'atlas311:height';
export const EMBED_AREA_MESSAGE = 'atlas311:area';

/**
 * Post to the embedding page. targetOrigin '*' is deliberate: the embedder's origin is not known
 * in advance, and these messages hold nothing private (a height and a public area name).
 */
function postToParent(message: Record<string, unknown>) {
  if (window.parent !== window) window.parent.postMessage(message, '*');
}

export function EmbedMap({
  view,
  city,
  basemapUrl,
  firstDraw,
}: {
  view: View;
  city: CitySummary;
  basemapUrl?: string;
  /** The server's drawing of the map (first-draw.tsx), shown until the interactive map draws. */
  firstDraw?: ReactNode;
}) {
  const t = useTranslations('map');
  const words = useWords();
  const say = useViewWords();
  const lang = useLangParam();
  const rootRef = useRef<HTMLDivElement>(null);
  const [selected, setSelected] = useState<string | undefined>(view.area);
  const level = city.levels.find((l) => l.id === view.level) ?? city.levels[0]!;

  useEffect(() => {
    const root = rootRef.current;
    if (!root) return;
    let last = -1;
    const send = () => {
      const height = Math.ceil(document.documentElement.scrollHeight);
      if (height !== last) {
        last = height;
        postToParent({ type: EMBED_HEIGHT_MESSAGE, height });
      }
    };
    const observer = new ResizeObserver(send);
    observer.observe(root);
    send();
    return () => observer.disconnect();
  }, []);

  const onSelect = useCallback(
    (area: AreaProperties) => {
      setSelected(area.area_key);
      postToParent({
        type: EMBED_AREA_MESSAGE,
        city: view.city,
        level: view.level,
        area_key: area.area_key,
        area_name: area.area_name,
      });
    },
    [view.city, view.level],
  );

  // The full view opens in the embed's language when the snippet chose one.
  const fullView = withLang(`/?${viewToSearch({ ...view, area: selected })}`, lang);
  const choropleth = useQuery(choroplethQuery(view));
  const range = choropleth.data
    ? { from: choropleth.data.from, to: choropleth.data.to }
    : undefined;
  const heading = t('embedHeading', {
    city: city.name,
    measure: words.metricLabel(view.metric, city.kind, view.duplicates).toLowerCase(),
    level: level.label.toLowerCase(),
  });
  const filters = filterWords(view, range, say);
  return (
    <div ref={rootRef} data-testid="embed-map" className="embed-map">
      <EmbedTitle heading={heading} filters={filters} />
      <PlainMap
        view={{ ...view, area: selected }}
        city={city}
        onSelect={onSelect}
        basemapUrl={basemapUrl}
        firstDraw={firstDraw}
      >
        {(_boundary, data) => (data ? <Legend data={data} /> : null)}
      </PlainMap>
      <FreshnessLine city={view.city} />
      <p className="embed-attribution muted">
        {city.attribution}{' '}
        <a href={fullView} target="_blank" rel="noopener">
          {t('openFull')}
        </a>
      </p>
    </div>
  );
}
