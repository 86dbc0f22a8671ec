/**
 * /report?city=&level=&area=&from=&to=: one area's briefing, laid out for print. The view is
 * resolved like the dashboard's (proxy.ts answers 400/404 for a bad link before this renders).
 */
import { notFound } from 'next/navigation';
import { isWarehouseError } from '@/lib/api/route';
import { isViewError, type ViewError } from '@/lib/api/errors';
import { chartSearch } from '@/lib/api/query-options';
import { getCities } from '@/lib/queries/cities';
import { getReport, type ReportData } from '@/lib/queries/report';
import { resolvePageView, type SearchParams } from '@/lib/server/view';
import { getWarehouse } from '@/lib/server/warehouse';
import { ReportView } from '@/components/report/report-view';
import { ViewProblem } from '../view-problem';

export const dynamic = 'force-dynamic';

export async function generateMetadata({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const params = await searchParams;
  const area = typeof params.area === 'string' ? params.area : '';
  return { title: `Atlas 311 · Area briefing${area ? ` · ${area}` : ''}` };
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
    return { kind: 'report', data, href: `/?${chartSearch(view)}&tab=profile` };
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
  const loaded = await load(await searchParams);
  switch (loaded.kind) {
    case 'report':
      return <ReportView data={loaded.data} href={loaded.href} />;
    case 'view-problem':
      if (loaded.error.status === 404) notFound();
      return <ViewProblem error={loaded.error} />;
    case 'no-area':
      return (
        <main className="page-message" role="alert" data-testid="page-error">
          <h1>Choose an area</h1>
          <p>A briefing is for one area: add area= to the link, or open it from an area profile.</p>
        </main>
      );
    case 'warehouse':
      return (
        <main className="page-message" role="alert" data-testid="page-error">
          <h1>The briefing cannot be made just now</h1>
          <p>{loaded.message}</p>
        </main>
      );
  }
}
