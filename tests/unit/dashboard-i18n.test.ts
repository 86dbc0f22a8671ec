/**
 * The dashboard's words in three languages, outside React: English exactly as before (checked
 * against the English-only functions it replaces), French and Spanish with their own numbers,
 * month names and nouns; the headline's one rounding; lang kept in the links it makes.
 */
import { describe, expect, it } from 'vitest';
import { anomalySentence, formatP } from '@/components/anomalies/anomaly-words';
import { flagHref } from '@/components/anomalies/unusual-panel';
import { embedSrc } from '@/components/dashboard/embed-button';
import { changeAgainst, formatChange } from '@/components/dashboard/headline-strip-figures';
import { classLabels, makeClassWords } from '@/components/map/legend-labels';
import type { AnomalyFlag } from '@/lib/queries/anomalies';
import { type View } from '@/lib/view';
import { parseView } from '@/lib/view/schema';
import { translator, wordsIn } from '../support/i18n-words';

const classWords = (locale: 'en' | 'fr' | 'es') =>
  makeClassWords(translator(locale, 'map'), wordsIn(locale).format);

function view(search: string): View {
  const parsed = parseView(new URLSearchParams(search));
  if (!parsed.ok) throw new Error(parsed.error);
  return parsed.view;
}

describe('unusual flags in words', () => {
  const june = {
    value: 'Long grass',
    areaName: 'Ward 11',
    observed: 1284,
    expected: 427.4,
    month: '2025-06-01',
  };
  const week = {
    ...june,
    observed: 60,
    expected: 20,
    month: '2025-02-03',
    period: 'week' as const,
  };

  it('reads in English as the panel always said it', () => {
    const en = [wordsIn('en'), translator('en', 'anomalies')] as const;
    expect(anomalySentence(week, ...en)).toBe(
      'Long grass in Ward 11: 60 requests this week (from 3 February), about 3× the usual 20',
    );
    expect(anomalySentence(june, ...en)).toBe(
      'Long grass in Ward 11: 1,284 requests, about 3× the usual 427 for June',
    );
  });

  it('names months through Intl and writes numbers the French and Spanish way', () => {
    const fr = anomalySentence(june, wordsIn('fr'), translator('fr', 'anomalies'));
    expect(fr).toMatch(
      /^Long grass – Ward 11 : 1\s284 demandes, environ 3 × l’habituel \(427\) en juin$/,
    );
    const es = anomalySentence(
      { ...week, observed: 65 },
      wordsIn('es'),
      translator('es', 'anomalies'),
    );
    expect(es).toBe(
      'Long grass en Ward 11: 65 solicitudes esta semana (desde el 3 de febrero), unas 3,3 × lo habitual (20)',
    );
    expect(formatP(0.0012, 'fr')).toBe('0,0012');
    expect(formatP(0.0012, 'en')).toBe((0.0012).toPrecision(2));
  });

  it('keeps an explicit lang in the flag link', () => {
    const flag = {
      areaKey: '11',
      areaName: 'Ward 11',
      dimension: 'type',
      value: 'Pothole',
    } as unknown as AnomalyFlag;
    const url = new URL(flagHref(view('city=toronto&level=ward'), flag, false, 'fr'), 'http://x');
    expect(url.searchParams.get('lang')).toBe('fr');
    expect(url.searchParams.get('type')).toBe('Pothole');
    expect(
      new URL(flagHref(view('city=toronto&level=ward'), flag), 'http://x').searchParams.has('lang'),
    ).toBe(false);
  });
});

describe('legend classes', () => {
  const data = { breaks: [2.5, 5, 7.25], metric: 'per_1000' as const };
  it('reads in English as before and in each language’s numbers', () => {
    expect(classLabels(data, classWords('en'))).toEqual(classLabels(data));
    expect(classLabels(data, classWords('en'))).toEqual(['2.5 – under 5', '5 – 7.25']);
    expect(classLabels(data, classWords('fr'))).toEqual(['2,5 – moins de 5', '5 – 7,25']);
    expect(classLabels(data, classWords('es'))).toEqual(['2,5 – menos de 5', '5 – 7,25']);
  });
});

describe('the unlocated note', () => {
  it('counts problems when duplicates are merged, requests otherwise', () => {
    const en = translator('en', 'dashboard');
    expect(en('legend.unlocated', { unlocated: 10, total: 6979, noun: 'problems' })).toBe(
      '10 of 6,979 problems left out: no usable location.',
    );
    expect(en('legend.unlocated', { unlocated: 10, total: 6979, noun: 'requests' })).toBe(
      '10 of 6,979 requests left out: no usable location.',
    );
    const fr = translator('fr', 'dashboard');
    expect(fr('legend.unlocated', { unlocated: 10, total: 6979, noun: 'problems' })).toMatch(
      /^10 problèmes sur 6\s979 laissés de côté/,
    );
  });
});

describe('one rounding for the headline change', () => {
  it('the Change card and the line under the total say the same number', () => {
    const words = wordsIn('en');
    const t = translator('en', 'dashboard');
    for (const [now, before] of [
      [19877, 20123],
      [1290, 1000],
      [1000, 1000],
      [995, 1000],
    ] as const) {
      const relative = ((now - before) / before) * 100;
      const card = formatChange(now, before);
      expect(changeAgainst(words, t, relative, 'previous 12 months')).toBe(
        `${card} vs previous 12 months`,
      );
    }
    expect(formatChange(19877, 20123)).toBe('−1.2%');
    expect(formatChange(1290, 1000)).toBe('+29%');
  });
});

describe('embed snippets', () => {
  it('carry the chosen language, and none when the browser decides', () => {
    const v = view('city=toronto&level=ward');
    expect(embedSrc('https://a.example', 'map', v, undefined, 'es')).toBe(
      'https://a.example/embed/map?city=toronto&level=ward&lang=es',
    );
    expect(embedSrc('https://a.example', 'map', v)).toBe(
      'https://a.example/embed/map?city=toronto&level=ward',
    );
    expect(
      new URL(embedSrc('https://a.example', 'heatmap', v, undefined, 'fr')).searchParams.get(
        'lang',
      ),
    ).toBe('fr');
  });
});

describe('why a level has no map', () => {
  it('reads in English as the API says it, and is said in French and Spanish', () => {
    const values = {
      city: 'Toronto',
      noun: 'requests',
      from: '2025-01-01',
      to: '2025-12-31',
      level: 'neighbourhood',
    } as const;
    expect(translator('en', 'dashboard')('filters.levelUnavailable', values)).toBe(
      "None of Toronto's requests from 2025-01-01 to 2025-12-31 can be placed in a neighbourhood: the data has no location at this level in this range.",
    );
    expect(translator('fr', 'dashboard')('filters.levelUnavailable', values)).toMatch(
      /^Les demandes de Toronto du 2025-01-01 au 2025-12-31 ne peuvent pas être placées/,
    );
    expect(translator('es', 'dashboard')('filters.levelUnavailable', values)).toMatch(
      /^Las solicitudes de Toronto del 2025-01-01 al 2025-12-31 no pueden ubicarse/,
    );
  });
});
