'use client';

import { usePathname, useRouter, useSearchParams } from 'next/navigation';
import { useCallback, useMemo } from 'react';
import { parseView, viewToSearch, type View } from '@/lib/view';

/** Defaults are left out of the URL so links stay short; city and level always stay in. */
export function viewUrl(pathname: string, view: View): string {
  const search = viewToSearch({
    ...view,
    metric: view.metric === 'count' ? undefined : view.metric,
    classification: view.classification === 'quantile' ? undefined : view.classification,
    classes: view.classes === 5 ? undefined : view.classes,
    hotspots: view.hotspots === '1' ? '1' : undefined,
  });
  return search ? `${pathname}?${search}` : pathname;
}

/**
 * The view lives in the URL: read it from the search parameters (falling back to the server's
 * resolved view for city and level) and write it back with router.replace, so a copied link
 * reopens the same view and the back button is not flooded.
 */
export function useView(initial: View): [View, (patch: Partial<View>) => void] {
  const router = useRouter();
  const pathname = usePathname();
  const searchParams = useSearchParams();

  const view = useMemo(() => {
    const params = new URLSearchParams(searchParams.toString());
    if (!params.has('city')) params.set('city', initial.city);
    if (!params.has('level')) params.set('level', initial.level);
    const parsed = parseView(params, { unknown: 'ignore' });
    return parsed.ok ? parsed.view : initial;
  }, [searchParams, initial]);

  const update = useCallback(
    (patch: Partial<View>) => {
      const next: View = { ...view, ...patch };
      router.replace(viewUrl(pathname, next), { scroll: false });
    },
    [router, pathname, view],
  );

  return [view, update];
}
