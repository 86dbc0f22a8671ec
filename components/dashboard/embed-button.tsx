'use client';

import { useState } from 'react';
import type { View } from '@/lib/view';
import { viewUrl } from './use-view';

/** Shows the iframe snippet for the current view, ready to copy. */
export function EmbedButton({ view, title }: { view: View; title: string }) {
  const [open, setOpen] = useState(false);
  const [copied, setCopied] = useState(false);
  const origin = typeof window === 'undefined' ? '' : window.location.origin;
  const src = `${origin}${viewUrl('/embed/map', { ...view, area: undefined })}`;
  const snippet = `<iframe src="${src.replace(/&/g, '&amp;')}" title="${title.replace(/"/g, '&quot;')}" width="100%" height="520" style="border:0" loading="lazy"></iframe>`;

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
        <div id="embed-panel" className="embed-panel" role="region" aria-label="Embed this map">
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
            The embed sends <code>atlas311:height</code> and <code>atlas311:area</code> messages to
            the parent page.
          </p>
        </div>
      ) : null}
    </div>
  );
}
