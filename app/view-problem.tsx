/**
 * What a page shows when its link does not describe a view: one sentence naming the problem.
 * The HTTP status (400 for a bad parameter, 404 for an unknown city, level or area) is set by
 * proxy.ts, which runs the same resolveView check before the page renders.
 */
import Link from 'next/link';
import type { ViewError } from '@/lib/api/errors';

export function ViewProblem({ error, embed = false }: { error: ViewError; embed?: boolean }) {
  const title = error.status === 404 ? 'Not found' : 'This link does not describe a view';
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
      <Link href="/">Open the default map</Link>
    </main>
  );
}
