/**
 * What a page shows when its link does not describe a view: one sentence naming the problem.
 * The HTTP status (400 for a bad parameter, 404 for an unknown city, level or area) is set by
 * proxy.ts, which runs the same resolveView check before the page renders.
 */
import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import type { ViewError } from '@/lib/api/errors';

export async function ViewProblem({ error, embed = false }: { error: ViewError; embed?: boolean }) {
  const t = await getTranslations('pages');
  const title = error.status === 404 ? t('notFound.title') : t('badLink');
  if (embed) {
    return (
      <main className="embed-problem" role="alert" data-testid="page-error">
        <p>{error.message}</p>
      </main>
    );
  }
  return (
    <main className="page-message" role="alert" data-testid="page-error">
      <h1>{title}</h1>
      <p data-parameter={error.parameter}>{error.message}</p>
      <Link href="/">{t('openDefault')}</Link>
    </main>
  );
}
