import Link from 'next/link';
import { getTranslations } from 'next-intl/server';

export default async function NotFound() {
  const t = await getTranslations('pages.notFound');
  return (
    <main className="page-message" data-testid="page-error">
      <h1>{t('title')}</h1>
      <p>{t('text')}</p>
      <Link href="/">{t('openMap')}</Link>
    </main>
  );
}
