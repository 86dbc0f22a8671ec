/**
 * The maps of a compared view, as choropleth answers the map component draws unchanged (pure):
 * the change map (each area's relative change on the symmetric breaks, diverging, too-few areas
 * hatched) and the two period maps (each period's values on the breaks both share).
 */
import { countClasses } from '@/lib/classify';
import type { ChoroplethArea, ChoroplethResponse } from '@/lib/api/types';

/** The change map: value = relative change (%), hatched where either period has too few. */
export function changeMapData(data: ChoroplethResponse): ChoroplethResponse {
  const compare = data.compare;
  if (!compare) return data;
  const areas: ChoroplethArea[] = data.areas.map((area) => {
    const { hotspot: _hotspot, portalOnTimePct: _portal, ...rest } = area;
    return {
      ...rest,
      value: area.compare?.relative ?? null,
      tooFew: area.compare?.tooFew ?? false,
      rank: null,
    };
  });
  return {
    ...data,
    metric: 'change_pct',
    unit: `% change vs ${compare.label}`,
    areas,
    breaks: compare.breaks,
    classCounts: compare.classCounts,
    noData: compare.noData,
    tooFew: compare.tooFew,
    hotspots: null,
  };
}

/** One period's map on the breaks shared by both periods ('current' or 'baseline'). */
export function periodMapData(
  data: ChoroplethResponse,
  period: 'current' | 'baseline',
): ChoroplethResponse {
  const compare = data.compare;
  if (!compare) return data;
  const areas: ChoroplethArea[] = data.areas.map((area) => {
    const { hotspot: _hotspot, unusual: _unusual, ...rest } = area;
    return period === 'current'
      ? { ...rest, rank: null }
      : {
          ...rest,
          value: area.compare?.baseline ?? null,
          count: area.compare?.baselineCount ?? 0,
          tooFew: false,
          rank: null,
        };
  });
  const values = areas.map((a) => a.value).filter((v): v is number => v !== null);
  return {
    ...data,
    ...(period === 'baseline' ? { from: compare.from, to: compare.to, total: compare.total } : {}),
    areas,
    breaks: compare.periodBreaks,
    classCounts: countClasses(values, compare.periodBreaks),
    noData: areas.length - values.length,
    tooFew: areas.filter((a) => a.tooFew).length,
    hotspots: null,
  };
}
