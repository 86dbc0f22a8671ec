'use client';
import { useDocumentTitle } from './document-title';

/**
 * An embed's heading and document title: what it shows, then its active filters
 * ("Toronto: requests by ward · 2025-01 to 2025-12 · Category Waste & cleaning").
 */
export function EmbedTitle({ heading, filters }: { heading: string; filters: string[] }) {
  const title = [heading, ...filters].join(' · ');
  useDocumentTitle(title);
  return (
    <>
      <title>{title}</title>
      <h1 data-testid="embed-title">
        {heading}
        {filters.length ? (
          <span className="embed-filters" data-testid="embed-filters">
            {' '}
            · {filters.join(' · ')}
          </span>
        ) : null}
      </h1>
    </>
  );
}
