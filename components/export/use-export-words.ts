'use client';
/** The export words (components/export/words.ts) in the page's language, for a download. */
import { useTranslations } from 'next-intl';
import type { ExportsT } from './words';

export function useExportWords(): ExportsT {
  const t = useTranslations('exports');
  return t;
}
