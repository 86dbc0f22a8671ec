import { describe, expect, it } from 'vitest';
import type { CitySummary } from '@/lib/api/types';
import {
  addMonths,
  changeCity,
  changeLevel,
  clampDates,
  lastCompleteMonth,
  metricUnsupportedReason,
  monthEnd,
  previousRange,
  resolveRange,
  type View,
} from '@/lib/view';
import { parseView } from '@/lib/view/schema';
import { resolveView } from '@/lib/view/resolve';

function city(id: string, patch: Partial<CitySummary> = {}): CitySummary {
  return {
    id,
    name: id[0]!.toUpperCase() + id.slice(1),
    kind: '311',
    nouns: { one: 'request', many: 'requests', type: 'type', types: 'types' },
    timezone: 'UTC',
    levels: [
      { id: 'ward', label: 'Ward', areas: 2, hasPopulation: true, boundaryUrl: '' },
      { id: 'fsa', label: 'FSA', areas: 2, hasPopulation: false, boundaryUrl: '' },
    ],
    metrics: ['count', 'per_1000', 'change_pct'],
    hasResolution: false,
    hasSla: false,
    hasChannel: false,
    loaded: true,
    freshness: null,
    firstMonth: '2024-01-01',
    lastMonth: '2025-06-01',
    lastOpened: '2025-06-14',
    lastCompleteMonth: '2025-05-01',
    rowsLoaded: 1,
    attribution: '',
    view: { longitude: 0, latitude: 0, zoom: 1 },
    bbox: [0, 0, 1, 1],
    ...patch,
  };
}
const CITIES = [city('toronto'), city('boston', { metrics: ['count', 'median_days'] })];

function view(query: string): View {
  const parsed = parseView(new URLSearchParams(query));
  if (!parsed.ok) throw new Error(parsed.error);
  return parsed.view;
}

describe('parseView', () => {
  it('answers one sentence naming the parameter once', () => {
    const parsed = parseView(new URLSearchParams('city=toronto&level=ward&from=2024-13-01'));
    expect(parsed).toMatchObject({
      ok: false,
      parameter: 'from',
      error: 'from must be a date as YYYY-MM-DD, such as 2024-01-31.',
    });
  });

  it('rejects unknown parameters, or ignores them for pages', () => {
    const params = new URLSearchParams('city=toronto&level=ward&utm_source=x&fbclid=y');
    expect(parseView(params)).toMatchObject({ ok: false, parameter: 'utm_source' });
    expect(parseView(params, { unknown: 'ignore' })).toMatchObject({
      ok: true,
      ignored: ['utm_source', 'fbclid'],
    });
  });

  it('accepts four-digit years from 0001 to 9999 and refuses year 0000', () => {
    expect(parseView(new URLSearchParams('city=a&level=b&from=0999-01-01')).ok).toBe(true);
    expect(parseView(new URLSearchParams('city=a&level=b&to=9999-12-31')).ok).toBe(true);
    expect(parseView(new URLSearchParams('city=a&level=b&from=0000-01-01')).ok).toBe(false);
  });
});

describe('dates', () => {
  it('keeps four-digit years at both ends of the calendar', () => {
    expect(addMonths('0999-03-15', -1)).toBe('0999-02-01');
    expect(addMonths('1000-01-01', -1)).toBe('0999-12-01');
    expect(monthEnd('9999-12-01')).toBe('9999-12-31');
    expect(monthEnd('0900-02-01')).toBe('0900-02-28');
    expect(monthEnd('2000-02-01')).toBe('2000-02-29');
    expect(addMonths('9999-12-01', 1)).toBe('9999-12-01');
    expect(addMonths('0001-01-01', -1)).toBe('0001-01-01');
    expect(resolveRange({ to: '9999-12-31' }, '2025-06-01')).toMatchObject({
      fromMonth: '9999-01-01',
      to: '9999-12-31',
      months: 12,
    });
    expect(previousRange({ fromMonth: '0001-01-01', toMonth: '0001-06-01' }).fromMonth).toBe(
      '0001-01-01',
    );
  });

  it('defaults to the last 12 complete months', () => {
    const coverage = {
      firstMonth: '2024-01-01',
      lastMonth: '2025-06-01',
      lastOpened: '2025-06-14',
    };
    expect(lastCompleteMonth(coverage)).toBe('2025-05-01');
    expect(resolveRange({}, coverage)).toMatchObject({
      fromMonth: '2024-06-01',
      toMonth: '2025-05-01',
      months: 12,
    });
    expect(lastCompleteMonth({ ...coverage, lastOpened: '2025-06-30' })).toBe('2025-06-01');
  });

  it('keeps from ≤ to when one end moves past the other', () => {
    expect(clampDates({ from: '2024-01-01', to: '2024-03-31' }, { from: '2024-05-01' })).toEqual({
      from: '2024-05-01',
      to: '2024-05-01',
    });
    expect(clampDates({ from: '2024-05-01', to: '2024-06-30' }, { to: '2024-01-31' })).toEqual({
      from: '2024-01-31',
      to: '2024-01-31',
    });
  });
});

describe('resolveView', () => {
  it('defaults city and level for pages, and names an unknown city with a 404', () => {
    const ok = resolveView(new URLSearchParams(''), CITIES, { defaults: true });
    expect(ok).toMatchObject({ ok: true, view: { city: 'toronto', level: 'ward' } });
    const missing = resolveView(new URLSearchParams('city=atlantis'), CITIES, { defaults: true });
    expect(missing.ok).toBe(false);
    if (!missing.ok) {
      expect(missing.error.status).toBe(404);
      expect(missing.error.message).toBe(
        'There is no city "atlantis" (known cities: toronto, boston).',
      );
    }
  });

  it('answers 404 for an unknown level and 400 for a bad parameter', () => {
    const level = resolveView(new URLSearchParams('city=toronto&level=moon'), CITIES);
    expect(!level.ok && level.error.status).toBe(404);
    const bad = resolveView(new URLSearchParams('city=toronto&level=ward&classes=99'), CITIES);
    expect(!bad.ok && bad.error.status).toBe(400);
  });

  it('gives the range the queries will use', () => {
    const ok = resolveView(new URLSearchParams('city=toronto&level=ward'), CITIES);
    expect(ok.ok && ok.range).toMatchObject({ from: '2024-06-01', to: '2025-05-31' });
  });
});

describe('transition rules', () => {
  it('a city change keeps a supported metric and clears filters and dates', () => {
    const next = changeCity(
      view('city=toronto&level=fsa&metric=per_1000&type=a&from=2024-01-01'),
      CITIES[0]!,
    );
    expect(next).toMatchObject({ city: 'toronto', level: 'ward', metric: 'per_1000' });
    expect(next.type).toBeUndefined();
    expect(next.from).toBeUndefined();
    expect(changeCity(view('city=toronto&level=ward&metric=per_1000'), CITIES[1]!).metric).toBe(
      'count',
    );
  });

  it('a level without population drops per-1,000 and hotspots', () => {
    const next = changeLevel(
      view('city=toronto&level=ward&metric=per_1000&area=3'),
      CITIES[0]!,
      'fsa',
    );
    expect(next).toMatchObject({ level: 'fsa', metric: 'count' });
    expect(next.area).toBeUndefined();
    const hot = changeLevel(view('city=toronto&level=ward&hotspots=1'), CITIES[0]!, 'fsa');
    expect(hot.hotspots).toBeUndefined();
  });

  it('says why a metric is not available', () => {
    expect(metricUnsupportedReason(CITIES[0]!, CITIES[0]!.levels[1]!, 'per_1000')).toBe(
      'Requests per 1,000 residents needs population figures, which Toronto has none of for the FSA level.',
    );
    expect(metricUnsupportedReason(CITIES[0]!, CITIES[0]!.levels[0]!, 'median_days')).toMatch(
      /needs closing dates/,
    );
    expect(metricUnsupportedReason(CITIES[0]!, CITIES[0]!.levels[0]!, 'count')).toBeNull();
  });
});
