'use client';

import { useTranslations } from 'next-intl';

export default function ErrorPage({
  error,
  reset,
}: {
  error: Error & { digest?: string };
  reset: () => void;
}) {
  const t = useTranslations('pages.error');
  return (
    <main className="page-message" role="alert">
      <h1>{t('title')}</h1>
      <p>{error.digest ? t('textWithReference', { digest: error.digest }) : t('text')}</p>
      <button type="button" onClick={reset}>
        {t('retry')}
      </button>
    </main>
  );
}
