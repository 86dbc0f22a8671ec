'use client';
/** Screen only: prints the briefing (the browser's dialog offers A4, Letter or a PDF). */
import { useTranslations } from 'next-intl';

export function PrintButton() {
  const t = useTranslations('report');
  return (
    <button type="button" className="report-print-button" onClick={() => window.print()}>
      {t('print')}
    </button>
  );
}
