import { createTranslator } from 'next-intl';
import { describe, expect, it } from 'vitest';
import { MESSAGES } from '@/messages';
import { CATEGORY_KEYS, CHANNEL_KEYS, makeWords } from '@/lib/i18n/words';
import { makeFormat } from '@/lib/i18n/format';
import {
  CHANNEL_NOT_PUBLISHED,
  CHANNELS,
  CRIME_CATEGORIES,
  SERVICE_CATEGORIES,
  UNMAPPED_CATEGORY,
} from '@/lib/categories';
import {
  changePointsText,
  changeText,
  compareLabel,
  metricLabel,
  mergedSentence,
} from '@/lib/api/texts';
import { METRICS } from '@/lib/view/schema';
import type { Locale } from '@/lib/i18n/locales';

function words(locale: Locale) {
  const t = createTranslator({ locale, messages: MESSAGES[locale], namespace: 'words' });
  return makeWords(t, locale);
}

describe('the shared vocabulary', () => {
  const en = words('en');
  const fr = words('fr');
  const es = words('es');

  it('speaks English exactly as the English word table did', () => {
    for (const metric of METRICS) {
      for (const kind of ['311', 'crime'] as const) {
        expect(en.metricLabel(metric, kind)).toBe(metricLabel(metric, kind));
        expect(en.metricLabel(metric, kind, 'merged')).toBe(metricLabel(metric, kind, 'merged'));
      }
    }
    for (const [relative, label] of [
      [12.4, 'previous 12 months'],
      [-0.4, 'x'],
      [-7.6, 'same month last year'],
      [null, 'previous month'],
    ] as const) {
      expect(en.changeText(relative, label)).toBe(changeText(relative, label));
    }
    expect(en.changePointsText(0.5, 0.42, 'y')).toBe(changePointsText(0.5, 0.42, 'y'));
    for (const months of [1, 3, 12]) {
      expect(en.compareLabel('previous', months)).toBe(compareLabel('previous', months));
      expect(en.compareLabel('last_year', months)).toBe(compareLabel('last_year', months));
    }
    expect(en.mergedSentence({ requests: 1234, problems: 980 }, '311')).toBe(
      mergedSentence({ requests: 1234, problems: 980 }, '311'),
    );
  });

  it('translates our taxonomy and leaves a source’s own names as published', () => {
    const names = [...SERVICE_CATEGORIES, ...CRIME_CATEGORIES, UNMAPPED_CATEGORY];
    expect(Object.keys(CATEGORY_KEYS).sort()).toEqual([...names, 'Other'].sort());
    expect(Object.keys(CHANNEL_KEYS).sort()).toEqual([...CHANNELS, CHANNEL_NOT_PUBLISHED].sort());
    expect(fr.category('Snow & ice')).toBe('Neige et glace');
    expect(es.category('Violent crime')).toBe('Delitos violentos');
    expect(fr.category('Pothole Repair')).toBe('Pothole Repair');
    expect(es.channel('Mobile app')).toBe('Aplicación móvil');
    for (const name of names) expect(fr.category(name)).not.toBe('');
  });

  it('counts with the nouns and plurals of each language', () => {
    expect(fr.countOf(1, '311')).toBe('1 demande');
    expect(fr.countOf(1234, 'crime')).toBe('1\u202f234 incidents');
    expect(es.countOf(2, '311', 'merged')).toBe('2 problemas');
    expect(en.countOf(1, 'crime')).toBe('1 incident');
    expect(fr.metricLabel('per_1000', '311')).toBe('Demandes pour 1 000 habitants');
  });

  it('formats numbers for the locale', () => {
    expect(makeFormat('en').value(1234.56, 'per_1000')).toBe('1,234.56');
    expect(makeFormat('fr').value(1234.56, 'per_1000')).toBe('1\u202f234,56');
    expect(makeFormat('es').value(87.14, 'on_time_pct')).toBe('87,1\u00a0%');
    expect(makeFormat('en').value(87.14, 'on_time_pct')).toBe('87.1%');
    expect(makeFormat('en').value(12.5, 'change_pct')).toBe('+12.5%');
    expect(makeFormat('fr').value(3.25, 'median_days')).toBe('3,3 j');
    expect(makeFormat('en', 'No data').value(null, 'count')).toBe('No data');
  });
});
