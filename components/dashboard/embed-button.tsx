'use client';

import { useState } from 'react';
import type { View } from '@/lib/view';
import { requestFilters, viewToSearch } from '@/lib/view';
import type { UiState } from './ui-state';
import { viewUrl } from './use-view';

type EmbedKind = 'map' | 'heatmap';

/** The iframe src for the current view: the map, or the seasonal heatmap with its toggles. */
export function embedSrc(origin: string, kind: EmbedKind, view: View, ui?: UiState): string {
  if (kind === 'map') return `${origin}${viewUrl('/embed/map', { ...view, area: undefined })}`;
  const params = new URLSearchParams(viewToSearch(requestFilters(view)));
  if (ui && ui.hm !== 'month') params.set('mode', ui.hm);
  if (ui && ui.top !== 10) params.set('topN', String(ui.top));
  return `${origin}/embed/heatmap?${params.toString()}`;
}

/** Shows the iframe snippet for the current view (map or heatmap), ready to copy. */
export function EmbedButton({ view, ui, title }: { view: View; ui?: UiState; title: string }) {
  const [open, setOpen] = useState(false);
  const [copied, setCopied] = useState(false);
  const [kind, setKind] = useState<EmbedKind>('map');
  const origin = typeof window === 'undefined' ? '' : window.location.origin;
  const src = embedSrc(origin, kind, view, ui);
  const frameTitle = kind === 'map' ? title : title.replace(' by ', ': seasonal pattern by ');
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
        Embed
      </button>
      {open ? (
        <div id="embed-panel" className="embed-panel" role="region" aria-label="Embed this view">
          <fieldset className="chart-toggle">
            <legend>What to embed</legend>
            {(
              [
                ['map', 'The map'],
                ['heatmap', 'The seasonal heatmap'],
              ] as const
            ).map(([value, label]) => (
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
                {label}
              </label>
            ))}
          </fieldset>
          <label htmlFor="embed-snippet">Paste this into your page:</label>
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
            {copied ? 'Copied' : 'Copy'}
          </button>
          <p className="muted small">
            The embed sends <code>atlas311:height</code>
            {kind === 'map' ? (
              <>
                {' '}
                and <code>atlas311:area</code>
              </>
            ) : null}{' '}
            messages to the parent page.
          </p>
        </div>
      ) : null}
    </div>
  );
}
