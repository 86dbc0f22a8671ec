/**
 * The shared vocabulary in the page's language (messages/<locale>/words.json): measure names and
 * units, the nouns a city counts in (requests / incidents / distinct problems), the category
 * and channel names of lib/categories.ts, the comparison words. City data values (request
 * types, area names, divisions) are left as published: only our own taxonomy is translated.
 * `makeWords` serves both sides: `useWords()` in client components, `getWords()` on the server
 * (lib/i18n/words-server.ts). Client-safe.
 */

import { useMemo } from 'react';
import { useLocale, useTranslations } from 'next-intl';
import type { CHANNELS, CRIME_CATEGORIES, SERVICE_CATEGORIES } from '@/lib/categories';
import { CHANNEL_NOT_PUBLISHED, UNMAPPED_CATEGORY } from '@/lib/categories';
import type { CityKind } from '@/lib/api/texts';
import { MIN_SAMPLE } from '@/lib/api/texts';
import type { Comparison, Metric } from '@/lib/view/schema';
import type { Locale } from './locales';
import { makeFormat, type Format } from './format';

export type WordsTranslator = ReturnType<typeof useTranslations<'words'>>;

/** Which noun a count is in: a city's requests, police incidents, or merged problems. */
export type Noun = 'requests' | 'incidents' | 'problems';

export function nounOf(kind: CityKind | undefined, duplicates?: 'kept' | 'merged'): Noun {
  if (duplicates === 'merged') return 'problems';
  return kind === 'crime' ? 'incidents' : 'requests';
}

/** The English names of lib/categories.ts → their catalogue keys (one list, checked by a test). */
export const CATEGORY_KEYS = {
  'Streets & sidewalks': 'streets_sidewalks',
  'Traffic, signs & lights': 'traffic_signs_lights',
  'Parking & vehicles': 'parking_vehicles',
  'Waste & cleaning': 'waste_cleaning',
  Graffiti: 'graffiti',
  'Trees & parks': 'trees_parks',
  'Water & sewer': 'water_sewer',
  'Snow & ice': 'snow_ice',
  Noise: 'noise',
  'Animals & pests': 'animals_pests',
  'Housing & buildings': 'housing_buildings',
  'General requests': 'general_requests',
  'Violent crime': 'violent_crime',
  'Property crime': 'property_crime',
  'Other offences': 'other_offences',
  [UNMAPPED_CATEGORY]: 'unmapped',
  /** The folded rest of a chart ("Other"), also a real category name in some sources. */
  Other: 'other',
} as const satisfies Record<
  (typeof SERVICE_CATEGORIES)[number] | (typeof CRIME_CATEGORIES)[number] | 'Unmapped' | 'Other',
  string
>;

export const CHANNEL_KEYS = {
  Phone: 'phone',
  Web: 'web',
  'Mobile app': 'mobile_app',
  Email: 'email',
  'Staff/internal': 'staff_internal',
  Other: 'other',
  [CHANNEL_NOT_PUBLISHED]: 'not_published',
} as const satisfies Record<(typeof CHANNELS)[number] | 'Not published', string>;

function has<K extends string>(table: Record<K, string>, key: string): key is K {
  return Object.prototype.hasOwnProperty.call(table, key);
}

export function makeWords(t: WordsTranslator, locale: Locale) {
  const format: Format = makeFormat(locale, t('noData'));
  const sign = (value: number) => (value > 0 ? '+' : value < 0 ? '−' : '±');
  const compareLabel = (compare: Comparison, months: number) =>
    t('compareLabel', { compare, months });
  return {
    locale,
    format,
    /** "Requests per 1,000 residents", "Incidents", "Distinct problems". */
    metricLabel: (metric: Metric, kind: CityKind | undefined, duplicates?: 'kept' | 'merged') =>
      t(`metric.${metric}`, { noun: nounOf(kind, duplicates) }),
    metricUnit: (metric: Metric, kind: CityKind | undefined, duplicates?: 'kept' | 'merged') =>
      t(`unit.${metric}`, { noun: nounOf(kind, duplicates) }),
    metricDefinition: (
      metric: Metric,
      kind: CityKind | undefined,
      duplicates?: 'kept' | 'merged',
    ) => t(`definition.${metric}`, { noun: nounOf(kind, duplicates) }),
    portalOnTimeDefinition: (kind: CityKind | undefined, duplicates?: 'kept' | 'merged') =>
      t('portalOnTimeDefinition', { noun: nounOf(kind, duplicates) }),
    /** "1,234 requests" / "1 234 demandes", with the plural the language needs. */
    countOf: (count: number, kind: CityKind | undefined, duplicates?: 'kept' | 'merged') =>
      t('nouns.count', { noun: nounOf(kind, duplicates), count }),
    nouns: (kind: CityKind | undefined, duplicates?: 'kept' | 'merged') => {
      const noun = nounOf(kind, duplicates);
      return {
        many: t('nouns.many', { noun }),
        Many: t('nouns.Many', { noun }),
        type: t('nouns.type', { noun }),
        types: t('nouns.types', { noun }),
        Types: t('nouns.Types', { noun }),
      };
    },
    /** Our taxonomy translated; a name we do not know (a source's own) as published. */
    category: (name: string) =>
      has(CATEGORY_KEYS, name) ? t(`category.${CATEGORY_KEYS[name]}`) : name,
    channel: (name: string) =>
      has(CHANNEL_KEYS, name) ? t(`channel.${CHANNEL_KEYS[name]}`) : name,
    status: (status: 'open' | 'closed') => t(`status.${status}`),
    tooFew: () => t('tooFew'),
    tooFewText: (kind: CityKind | undefined, duplicates?: 'kept' | 'merged') =>
      t('tooFewText', { min: MIN_SAMPLE, noun: nounOf(kind, duplicates) }),
    compareChoice: (choice: 'none' | Comparison) => t(`compareChoice.${choice}`),
    compareLabel,
    /** "+12% vs previous 12 months"; "no baseline in the …" when there is none. */
    changeText: (relative: number | null, label: string) => {
      if (relative === null || !Number.isFinite(relative)) return t('noBaseline', { label });
      const rounded = Math.round(relative);
      return t('change', { sign: sign(rounded), value: Math.abs(rounded), label });
    },
    changePointsText: (now: number | null, before: number | null, label: string) => {
      if (now === null || before === null) return t('noBaseline', { label });
      const points = Math.round((now - before) * 10) / 10;
      return t('changePoints', { sign: sign(points), value: Math.abs(points), label });
    },
    mergedSentence: (
      counts: { requests: number; problems: number },
      kind: CityKind | undefined,
    ) => {
      const share = counts.requests > 0 ? (counts.requests - counts.problems) / counts.requests : 0;
      return t('merged', {
        requests: counts.requests,
        problems: counts.problems,
        share: Math.round(share * 100),
        noun: nounOf(kind),
      });
    },
    t,
  };
}

export type Words = ReturnType<typeof makeWords>;

/** The vocabulary in the page's language, for client components. */
export function useWords(): Words {
  const t = useTranslations('words');
  const locale = useLocale();
  return useMemo(() => makeWords(t, locale), [t, locale]);
}
