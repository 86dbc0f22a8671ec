/**
 * /report?city=&level=&area=&from=&to=: one area's briefing, laid out for print. The view is
 * resolved like the dashboard's (proxy.ts answers 400/404 for a bad link before this renders).
 */
import { notFound } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { isWarehouseError } from '@/lib/api/route';
import { isViewError, type ViewError } from '@/lib/api/errors';
import { chartSearch } from '@/lib/api/query-options';
import { getCities } from '@/lib/queries/cities';
import { getReport, type ReportData } from '@/lib/queries/report';
import { resolvePageView, type SearchParams } from '@/lib/server/view';
import { getWarehouse } from '@/lib/server/warehouse';
import { LANG_PARAM, withLang } from '@/lib/i18n/locales';
import { ReportView } from '@/components/report/report-view';
import { ViewProblem } from '../view-problem';

export const dynamic = 'force-dynamic';

export async function generateMetadata({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const params = await searchParams;
  const area = typeof params.area === 'string' ? params.area : '';
  const t = await getTranslations('report');
  return { title: area ? t('titleArea', { area }) : t('title') };
}

type Loaded =
  | { kind: 'report'; data: ReportData; href: string }
  | { kind: 'view-problem'; error: ViewError }
  | { kind: 'no-area' }
  | { kind: 'warehouse'; message: string };

async function load(searchParams: SearchParams): Promise<Loaded> {
  try {
    const cities = await getCities(getWarehouse());
    const resolved = resolvePageView(searchParams, cities);
    if (!resolved.ok) return { kind: 'view-problem', error: resolved.error };
    const { view } = resolved;
    if (view.area === undefined) return { kind: 'no-area' };
    const data = await getReport(getWarehouse(), view);
    const lang = searchParams[LANG_PARAM];
    const href = withLang(
      `/?${chartSearch(view)}&tab=profile`,
      typeof lang === 'string' ? lang : undefined,
    );
    return { kind: 'report', data, href };
  } catch (error) {
    if (isViewError(error)) return { kind: 'view-problem', error };
    if (isWarehouseError(error)) return { kind: 'warehouse', message: error.message };
    throw error;
  }
}

export default async function ReportPage({
  searchParams,
}: {
  searchParams: Promise<SearchParams>;
}) {
  const [loaded, t] = await Promise.all([
    searchParams.then((params) => load(params)),
    getTranslations('report'),
  ]);
  switch (loaded.kind) {
    case 'report':
      return <ReportView data={loaded.data} href={loaded.href} />;
    case 'view-problem':
      if (loaded.error.status === 404) notFound();
      return <ViewProblem error={loaded.error} />;
    case 'no-area':
      return (
        <main className="page-message" role="alert" data-testid="page-error">
          <h1>{t('noAreaTitle')}</h1>
          <p>{t('noAreaText')}</p>
        </main>
      );
    case 'warehouse':
      return (
        <main className="page-message" role="alert" data-testid="page-error">
          <h1>{t('warehouseTitle')}</h1>
          <p>{loaded.message}</p>
        </main>
      );
  }
}
