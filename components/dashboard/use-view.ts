'use client';

import { usePathname, useRouter, useSearchParams } from 'next/navigation';
import { useCallback, useMemo } from 'react';
import { readView, VIEW_PARAMETERS, viewToSearch, type View } from '@/lib/view';
import { parseUi, uiToEntries, withoutUi, type UiState } from './ui-state';

/** Defaults are left out of the URL so links stay short; city and level always stay in. */
export function viewUrl(pathname: string, view: View, ui?: UiState): string {
  const params = new URLSearchParams(
    viewToSearch({
      ...view,
      metric: view.metric === 'count' ? undefined : view.metric,
      classification: view.classification === 'quantile' ? undefined : view.classification,
      classes: view.classes === 5 ? undefined : view.classes,
      hotspots: view.hotspots === '1' ? '1' : undefined,
    }),
  );
  for (const [key, value] of ui ? uiToEntries(ui) : []) params.set(key, value);
  const search = params.toString();
  return search ? `${pathname}?${search}` : pathname;
}

export interface ViewState {
  view: View;
  ui: UiState;
  /** A new view: pushes a history entry, so Back and Forward move between views. */
  update: (patch: Partial<View>) => void;
  /** A display toggle (tab, chart layout): replaces the entry, so Back is not flooded. */
  setUi: (patch: Partial<UiState>) => void;
}

/**
 * The view lives in the URL: read it from the search parameters (falling back to the server's
 * resolved view for city and level), together with the display state of the charts. Parameters
 * neither knows (utm_source, fbclid) are kept as they are.
 */
export function useViewState(initial: View): ViewState {
  const router = useRouter();
  const pathname = usePathname();
  const searchParams = useSearchParams();
  const search = searchParams.toString();

  const { view, ui, extra } = useMemo(() => {
    const all = new URLSearchParams(search);
    const params = withoutUi(all);
    const extra: [string, string][] = [];
    const known = new Set<string>(VIEW_PARAMETERS);
    for (const [key, value] of [...params]) {
      if (!known.has(key)) {
        extra.push([key, value]);
        params.delete(key);
      }
    }
    if (!params.has('city')) params.set('city', initial.city);
    if (!params.has('level')) params.set('level', initial.level);
    return { view: readView(params) ?? initial, ui: parseUi(all), extra };
  }, [search, initial]);

  const href = useCallback(
    (nextView: View, nextUi: UiState) => {
      const url = viewUrl(pathname, nextView, nextUi);
      if (!extra.length) return url;
      const [path, query = ''] = url.split('?');
      const params = new URLSearchParams(query);
      for (const [key, value] of extra) params.append(key, value);
      return `${path}?${params.toString()}`;
    },
    [pathname, extra],
  );

  const update = useCallback(
    (patch: Partial<View>) => {
      router.push(href({ ...view, ...patch }, ui), { scroll: false });
    },
    [router, href, view, ui],
  );

  const setUi = useCallback(
    (patch: Partial<UiState>) => {
      router.replace(href(view, { ...ui, ...patch }), { scroll: false });
    },
    [router, href, view, ui],
  );

  return { view, ui, update, setUi };
}
