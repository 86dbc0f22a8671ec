import { describe, expect, it } from 'vitest';
import { monthsIn, previousPeriod } from '@/components/dashboard/dates';
import { formatChange, headlineView } from '@/components/dashboard/headline-strip-figures';
import {
  parseUi,
  stripUi,
  uiToEntries,
  UI_DEFAULTS,
  withoutUi,
} from '@/components/dashboard/ui-state';
import { filterSummary, filterWords } from '@/components/dashboard/view-words';
import type { CitySummary } from '@/lib/api/types';
import { type View } from '@/lib/view';
import { parseView } from '@/lib/view/schema';
import { viewWordsIn } from '../support/i18n-words';

const EN = viewWordsIn('en');
const FR = viewWordsIn('fr');

const city: CitySummary = {
  id: 'toronto',
  name: 'Toronto',
  kind: '311',
  timezone: 'America/Toronto',
  levels: [
    { id: 'ward', label: 'Ward', areas: 25, hasPopulation: true, boundaryUrl: '/w.json' },
    {
      id: 'fsa',
      label: 'Postal area (FSA)',
      areas: 96,
      hasPopulation: true,
      boundaryUrl: '/f.json',
    },
  ],
  metrics: ['count', 'per_1000', 'change_pct'],
  hasResolution: false,
  hasSla: false,
  hasChannel: true,
  nouns: { one: 'request', many: 'requests', type: 'type', types: 'types' },
  lastOpened: '2025-12-31T21:45:26',
  lastCompleteMonth: '2025-12-01',
  loaded: true,
  freshness: '2025-12-31T21:45:26',
  firstMonth: '2018-09-01',
  lastMonth: '2025-12-01',
  rowsLoaded: 41000,
  attribution: 'City of Toronto',
  view: { longitude: -79.4, latitude: 43.7, zoom: 10 },
  bbox: [-79.6, 43.6, -79.1, 43.9],
};

function view(search: string): View {
  const parsed = parseView(new URLSearchParams(search));
  if (!parsed.ok) throw new Error(parsed.error);
  return parsed.view;
}

describe('previousPeriod', () => {
  it('is the same number of whole months just before the range', () => {
    expect(monthsIn('2025-01-01', '2025-12-31')).toBe(12);
    expect(previousPeriod('2025-01-01', '2025-12-31')).toEqual({
      from: '2024-01-01',
      to: '2024-12-31',
    });
    expect(previousPeriod('2024-03-01', '2024-05-31')).toEqual({
      from: '2023-12-01',
      to: '2024-02-29',
    });
    expect(previousPeriod('2022-01-01', '2022-01-31')).toEqual({
      from: '2021-12-01',
      to: '2021-12-31',
    });
  });
});

describe('formatChange', () => {
  it('signs the change with a true minus and says nothing when there is no earlier data', () => {
    // One decimal under 10%, whole percent from 10% up: the same rounding as under the total.
    expect(formatChange(110, 100)).toBe('+10%');
    expect(formatChange(109.4, 100)).toBe('+9.4%');
    expect(formatChange(109.96, 100)).toBe('+10%');
    expect(formatChange(19877, 20123)).toBe('−1.2%');
    expect(formatChange(100, 100)).toBe('±0.0%');
    expect(formatChange(100, 0)).toBe('—');
    expect(formatChange(19877, 20123, 'fr')).toMatch(/^−1,2\s%$/);
    expect(formatChange(19877, 20123, 'es')).toMatch(/^−1,2\s%$/);
  });

  it('describes the city-wide view whatever area or map styling is chosen', () => {
    const v = headlineView(
      view('city=toronto&level=ward&metric=per_1000&area=10&hotspots=1&type=A'),
    );
    expect(v).toMatchObject({ metric: 'count', classes: 5, type: ['A'] });
    expect(v.area).toBeUndefined();
    expect(v.hotspots).toBeUndefined();
  });
});

describe('ui state in the URL', () => {
  it('parses display keys leniently and leaves defaults out of links', () => {
    const ui = parseUi(new URLSearchParams('tab=trends&hm=season&top=5&layout=bar&rank=Pothole'));
    expect(ui).toMatchObject({
      tab: 'trends',
      hm: 'season',
      top: 5,
      layout: 'bar',
      rank: 'Pothole',
    });
    expect(parseUi(new URLSearchParams('tab=nope&top=7&hm=x'))).toEqual(UI_DEFAULTS);
    expect(uiToEntries(UI_DEFAULTS)).toEqual([]);
    expect(uiToEntries({ ...UI_DEFAULTS, tab: 'types' })).toEqual([['tab', 'types']]);
  });

  it('strips display keys before the view is parsed, keeping everything else', () => {
    const params = withoutUi(new URLSearchParams('city=toronto&tab=trends&top=5&utm_source=x'));
    expect(params.toString()).toBe('city=toronto&utm_source=x');
    expect(stripUi({ city: 'toronto', tab: 'trends', level: 'ward' })).toEqual({
      city: 'toronto',
      level: 'ward',
    });
  });
});

describe('view words', () => {
  it('folds the filter bar into one summary line', () => {
    expect(filterSummary(view('city=toronto&level=ward'), city, EN)).toBe(
      'Ward · Requests · Last 12 months',
    );
    expect(
      filterSummary(view('city=toronto&level=fsa&metric=per_1000&type=A,B&status=open'), city, EN),
    ).toBe('Postal area (FSA) · Requests per 1,000 residents · Last 12 months · 3 filters');
    expect(
      filterSummary(view('city=toronto&level=ward&from=2024-02-01&to=2024-03-31'), city, EN),
    ).toContain('2024-02-01 to 2024-03-31');
  });

  it('names the active filters for embed titles', () => {
    expect(
      filterWords(view('city=toronto&level=ward&type=A,B,C&status=closed'), undefined, EN),
    ).toEqual(['Type: A and 2 more', 'Status: closed']);
    expect(
      filterWords(
        view('city=toronto&level=ward&category=Roads'),
        { from: '2025-01-01', to: '2025-12-31' },
        EN,
      ),
    ).toEqual(['2025-01-01 to 2025-12-31', 'Category: Roads']);
  });

  it('says the same in French, our categories translated, the city’s types as published', () => {
    expect(filterSummary(view('city=toronto&level=ward&type=A,B&status=open'), city, FR)).toBe(
      'Ward · Demandes · 12 derniers mois · 3 filtres',
    );
    expect(
      filterWords(
        view('city=toronto&level=ward&category=Graffiti,Noise,Snow%20%26%20ice'),
        undefined,
        FR,
      ),
    ).toEqual(['Catégorie : Graffitis et 2 autres']);
    expect(filterWords(view('city=toronto&level=ward&status=closed'), undefined, FR)).toEqual([
      'Statut : clôturées',
    ]);
  });
});
