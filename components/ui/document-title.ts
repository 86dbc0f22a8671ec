'use client';
import { useEffect } from 'react';

/**
 * Keep `document.title` equal to `title`. A rendered `<title>` alone is not enough on the embed
 * pages: the root layout's metadata title can land first in <head> (even after hydration, as
 * metadata streams in), and the first one wins; so re-apply whenever <head> changes.
 */
export function useDocumentTitle(title: string): void {
  useEffect(() => {
    const apply = () => {
      if (document.title !== title) document.title = title;
    };
    apply();
    const observer = new MutationObserver(apply);
    observer.observe(document.head, { childList: true, subtree: true, characterData: true });
    return () => observer.disconnect();
  }, [title]);
}
